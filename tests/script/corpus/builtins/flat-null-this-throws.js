// flat on null or undefined throws a TypeError.
try {
    Array.prototype.flat.call(null);
    report('no error');
} catch (error) {
    report(error.name);
}
try {
    Array.prototype.flat.call(undefined, 1);
    report('no error');
} catch (error) {
    report(error.name);
}
