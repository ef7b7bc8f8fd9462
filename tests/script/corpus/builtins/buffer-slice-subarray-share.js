// slice and subarray share memory and clamp like Node.
var buffer = Buffer.from('abcdef');
var slice = buffer.slice(1, 3);
var sub = buffer.subarray(-2);
slice[0] = 0x42;
report([buffer.toString(), slice.toString(), sub.toString()]);
report([Buffer.isBuffer(slice), Buffer.isBuffer(sub), buffer.slice(4, 2).length, buffer.slice(-100).toString(), buffer.slice(2, -2).toString(), buffer.slice('1', '3').toString()]);
