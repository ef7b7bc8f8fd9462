// Input that is not a buffer or a view is a TypeError.
var decoder = new TextDecoder();
['abc', [1, 2], { length: 1 }, 5, null].forEach(function (input) {
    try {
        decoder.decode(input);
        report('no error');
    } catch (error) {
        report([error.name, error.code]);
    }
});
