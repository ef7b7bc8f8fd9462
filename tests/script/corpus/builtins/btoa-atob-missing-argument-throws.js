// Calling btoa or atob without an argument is a TypeError.
[btoa, atob].forEach(function (fn) {
    try {
        fn();
        report('no error');
    } catch (error) {
        report([error.name, error.code]);
    }
});
