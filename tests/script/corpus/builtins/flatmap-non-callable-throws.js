// flatMap without a callable mapper throws a TypeError.
[undefined, null, 1, 'f', {}].forEach(function (mapper) {
    try {
        [1].flatMap(mapper);
        report('no error');
    } catch (error) {
        report(error.name);
    }
});
