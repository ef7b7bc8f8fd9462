// From a Buffer or Uint8Array: a copy.
var original = Buffer.from('abc');
var copy = Buffer.from(original);
original[0] = 0x7A;
report([original.toString(), copy.toString()]);
report(Buffer.from(new Uint8Array([1, 2])));
