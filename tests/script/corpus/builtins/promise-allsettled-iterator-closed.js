// When resolving an element throws, allSettled closes the iterator and rejects.
function* values() {
    try {
        yield 1;
        yield 2;
    } finally {
        report('closed');
    }
}
var BrokenPromise = function (executor) { return new Promise(executor); };
BrokenPromise.resolve = function (value) {
    if (value === 2)
        throw new RangeError('cannot resolve 2');
    return Promise.resolve(value);
};
Promise.allSettled.call(BrokenPromise, values()).then(function () { report('fulfilled'); }, function (error) {
    report(error.name);
});
