// Buffer.concat joins, truncates to totalLength, or pads it with zeros.
var parts = [Buffer.from('ab'), new Uint8Array([0x63]), Buffer.from('de')];
report(Buffer.concat(parts).toString());
report(Buffer.concat(parts, 3).toString());
report(Buffer.concat(parts, 7));
report(Buffer.concat([]).length);
report(Buffer.isBuffer(Buffer.concat([new Uint8Array(1)])));
try {
    Buffer.concat([Buffer.from('a'), 'b']);
    report('no error');
} catch (error) {
    report([error.name, error.code]);
}
