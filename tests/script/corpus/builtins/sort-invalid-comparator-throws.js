// A comparator that is neither a function nor undefined is a TypeError.
[1, 'x', {}, null].forEach(function (comparator) {
    try {
        [2, 1].sort(comparator);
        report('no error');
    } catch (error) {
        report(error.name);
    }
});
report([2, 1].sort(undefined));
