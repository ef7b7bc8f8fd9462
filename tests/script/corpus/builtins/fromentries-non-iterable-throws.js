// A non-iterable argument is a TypeError.
[undefined, null, 1, {}].forEach(function (argument) {
    try {
        Object.fromEntries(argument);
        report('no error');
    } catch (error) {
        report(error.name);
    }
});
