// alloc checks its size: a TypeError for a non-number, a RangeError out of range (whose code differs
// between Node 18 and 20).
['3', -1, NaN, undefined].forEach(function (size) {
    try {
        Buffer.alloc(size);
        report('no error');
    } catch (error) {
        report(error.name === 'TypeError' ? [error.name, error.code] : error.name);
    }
});
