// trimStart on null is a TypeError; other receivers are converted to strings.
try {
    String.prototype.trimStart.call(null);
    report('no error');
} catch (error) {
    report(error.name);
}
report(String.prototype.trimEnd.call(42));
