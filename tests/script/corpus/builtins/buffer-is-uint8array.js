// A Buffer is a Uint8Array; typed-array methods return Buffers.
var buffer = Buffer.from([3, 1, 2]);
report([buffer instanceof Uint8Array, ArrayBuffer.isView(buffer), Object.prototype.toString.call(buffer), buffer.constructor === Buffer]);
report([Buffer.isBuffer(buffer.map(function (x) { return x * 2; })), Buffer.isBuffer(buffer.filter(function (x) { return x > 1; })), Buffer.isBuffer(Buffer.of(1, 2))]);
report(Array.from(buffer.map(function (x) { return x * 100; })));
report(Object.keys(buffer));
report(Object.getPrototypeOf(Buffer.prototype) === Uint8Array.prototype);
