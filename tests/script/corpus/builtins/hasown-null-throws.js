// Object.hasOwn(null or undefined, ...) is a TypeError.
[null, undefined].forEach(function (object) {
    try {
        Object.hasOwn(object, 'x');
        report('no error');
    } catch (error) {
        report(error.name);
    }
});
