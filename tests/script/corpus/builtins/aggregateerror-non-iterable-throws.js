// The errors argument must be iterable.
[undefined, 5, {}].forEach(function (errors) {
    try {
        new AggregateError(errors);
        report('no error');
    } catch (error) {
        report(error.name);
    }
});
