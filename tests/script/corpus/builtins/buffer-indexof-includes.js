// indexOf, lastIndexOf and includes with strings, numbers and buffers.
var buffer = Buffer.from('this is a buffer, is it');
report([buffer.indexOf('is'), buffer.indexOf('is', 3), buffer.lastIndexOf('is'), buffer.indexOf(Buffer.from('buf')), buffer.indexOf(0x61), buffer.indexOf('zz')]);
report([buffer.includes('buffer'), buffer.includes('nope'), buffer.indexOf('is', -5), buffer.indexOf('')]);
