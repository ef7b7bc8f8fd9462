// Characters outside base64, misplaced '=', and too much padding are InvalidCharacterErrors.
['Zm9v!', 'Zm-_', 'Z=g=', 'Zm9v=', 'Zg===', '=Zm9', '\u00e9', 'Zm9vY'].forEach(function (input) {
    try {
        report(atob(input));
    } catch (error) {
        report([input, error.name, error instanceof DOMException]);
    }
});
