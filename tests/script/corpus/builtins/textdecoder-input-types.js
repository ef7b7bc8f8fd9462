// ArrayBuffer, any ArrayBufferView and a view's own window of its buffer.
var decoder = new TextDecoder();
var bytes = new Uint8Array([0x78, 0x61, 0x62, 0x63, 0x79]);
report(decoder.decode(bytes.buffer));
report(decoder.decode(bytes.subarray(1, 4)));
report(decoder.decode(new DataView(bytes.buffer, 2, 2)));
report(decoder.decode(new Uint16Array([0x6968])));
report(decoder.decode(new Int8Array([0x6F, 0x6B])));
