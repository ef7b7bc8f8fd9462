// Buffer.byteLength per encoding.
var text = 'h\u00e9\u20ac\uD83D\uDE00';
report([Buffer.byteLength(text), Buffer.byteLength(text, 'utf8'), Buffer.byteLength(text, 'utf16le'), Buffer.byteLength(text, 'latin1'), Buffer.byteLength(text, 'ascii')]);
report([Buffer.byteLength('YWJj', 'base64'), Buffer.byteLength('YQ==', 'base64'), Buffer.byteLength('YQ', 'base64url'), Buffer.byteLength('abcd', 'hex'), Buffer.byteLength('abc', 'hex')]);
report([Buffer.byteLength(Buffer.from('xyz')), Buffer.byteLength(new ArrayBuffer(7)), Buffer.byteLength(new Uint16Array(3))]);
report(Buffer.byteLength('\uD800'));
try {
    Buffer.byteLength(5);
    report('no error');
} catch (error) {
    report([error.name, error.code]);
}
