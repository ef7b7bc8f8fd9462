// Buffer.from of a number, null or undefined is a TypeError.
[5, null, undefined, true, function () {}].forEach(function (value) {
    try {
        Buffer.from(value);
        report('no error');
    } catch (error) {
        report([error.name, error.code]);
    }
});
