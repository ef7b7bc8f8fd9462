// A value with NUL, CR or LF inside is a TypeError.
['a\nb', 'a\rb', 'a\u0000b'].forEach(function (value) {
    try {
        new Headers({ x: value });
        report('no error');
    } catch (error) {
        report(error.name);
    }
});
