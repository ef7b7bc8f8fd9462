// Integer reads and writes in both byte orders.
var buffer = Buffer.alloc(8);
report([buffer.writeUInt16BE(0x1234, 0), buffer.writeUInt16LE(0x1234, 2), buffer.writeUInt32BE(0xDEADBEEF, 4)]);
report(buffer.toString('hex'));
report([buffer.readUInt8(0), buffer.readUInt16LE(0), buffer.readUInt32BE(4), buffer.readInt32BE(4), buffer.readInt8(4), buffer.readUint16BE(2)]);
try {
    buffer.readUInt32LE(6);
    report('no error');
} catch (error) {
    report([error.name, error.code]);
}
try {
    buffer.writeUInt8(256, 0);
    report('no error');
} catch (error) {
    report([error.name, error.code]);
}
