// replaceAll on null or undefined is a TypeError.
try {
    String.prototype.replaceAll.call(null, 'a', 'b');
    report('no error');
} catch (error) {
    report(error.name);
}
