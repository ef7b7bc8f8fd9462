// A character beyond U+00FF is an InvalidCharacterError DOMException.
['\u0100', 'ok\u20AC', '\uD83D\uDE00'].forEach(function (input) {
    try {
        btoa(input);
        report('no error');
    } catch (error) {
        report([error.name, error instanceof DOMException, error.code]);
    }
});
