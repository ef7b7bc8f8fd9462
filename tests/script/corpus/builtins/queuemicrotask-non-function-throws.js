// queueMicrotask without a function is a TypeError with Node's code.
[undefined, 1, 'f', {}].forEach(function (value) {
    try {
        queueMicrotask(value);
        report('no error');
    } catch (error) {
        report([error.name, error.code]);
    }
});
