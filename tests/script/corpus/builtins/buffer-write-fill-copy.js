// write, fill and copy.
var buffer = Buffer.alloc(8);
report(buffer.write('h\u00e9', 1));
report(buffer.write('abcdef', 6));
report(buffer.write('\u20ac', 7));
report(buffer);
report(Buffer.alloc(6).fill('xy', 1, 5));
report(Buffer.alloc(3).fill(0x101));
var target = Buffer.alloc(5, '.');
report(Buffer.from('abc').copy(target, 1));
report(Buffer.from('abcdef').copy(target, 3, 1));
report(target.toString());
