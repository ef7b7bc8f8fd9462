// A leading BOM is dropped unless ignoreBOM; only at the start.
var bytes = new Uint8Array([0xEF, 0xBB, 0xBF, 0x61, 0xEF, 0xBB, 0xBF]);
report(new TextDecoder().decode(bytes).length);
report(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).length);
var decoder = new TextDecoder();
report([decoder.decode(bytes).length, decoder.decode(bytes).length]);
