// A pair that is not an iterable of exactly two items is a TypeError.
[[['a']], [['a', 'b', 'c']], [1], ['ab']].forEach(function (init) {
    try {
        new URLSearchParams(init);
        report('no error');
    } catch (error) {
        report(error.name);
    }
});
