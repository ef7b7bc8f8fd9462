// From an ArrayBuffer: a view of the same memory, with offset and length.
var arrayBuffer = new ArrayBuffer(8);
var view = new Uint8Array(arrayBuffer);
var buffer = Buffer.from(arrayBuffer, 2, 3);
view[2] = 42;
report([buffer.length, buffer.byteOffset, buffer[0], buffer.buffer === arrayBuffer]);
report(Buffer.from(arrayBuffer, 6).length);
try {
    Buffer.from(arrayBuffer, 9);
    report('no error');
} catch (error) {
    report([error.name, error.code]);
}
try {
    Buffer.from(arrayBuffer, 4, 10);
    report('no error');
} catch (error) {
    report([error.name, error.code]);
}
