// Labels are trimmed and case-insensitive; an unknown label is a RangeError.
report(['utf-8', 'UTF8', ' Unicode-1-1-UTF-8\n', 'utf-16le', 'UTF-16', 'latin1', 'ascii'].map(function (label) {
    return new TextDecoder(label).encoding;
}));
try {
    new TextDecoder('no-such-encoding');
    report('no error');
} catch (error) {
    report([error.name, error.code]);
}
