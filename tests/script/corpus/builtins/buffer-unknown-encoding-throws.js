// An unknown encoding is a TypeError; an empty one means utf8.
try {
    Buffer.from('x', 'utf-9');
    report('no error');
} catch (error) {
    report([error.name, error.code, error.message]);
}
try {
    Buffer.from('x').toString('nope');
    report('no error');
} catch (error) {
    report([error.name, error.code]);
}
report(Buffer.from('x', '').toString());
