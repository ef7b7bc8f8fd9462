// toString(encoding, start, end) decodes a range.
var buffer = Buffer.from('hello world');
report([buffer.toString('utf8', 6), buffer.toString('utf8', 0, 5), buffer.toString(undefined, 1, 3), buffer.toString('hex', 9)]);
report([buffer.toString('utf8', -5, 2), buffer.toString('utf8', 20), buffer.toString('utf8', 3, 1), buffer.toString('utf8', 8, 100), buffer.toString('utf8', 1.5, 3.9)]);
report(String(buffer));
