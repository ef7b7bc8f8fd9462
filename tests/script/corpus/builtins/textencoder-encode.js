// TextEncoder encodes to a Uint8Array of UTF-8.
var encoder = new TextEncoder();
report(encoder.encoding);
report(encoder.encode('A\u00e9\u20ac\uD83D\uDE00'));
report(encoder.encode());
report(encoder.encode(undefined).length);
report(encoder.encode(null));
report(encoder.encode(123));
var bytes = encoder.encode('abc');
report([bytes instanceof Uint8Array, bytes.byteOffset, bytes.buffer.byteLength]);
