// An init that is neither a record nor a sequence of pairs is a TypeError.
[[['only-name']], [['a', 'b', 'c']], 'a: b', 5].forEach(function (init) {
    try {
        new Headers(init);
        report('no error');
    } catch (error) {
        report(error.name);
    }
});
