// TextDecoder decodes UTF-8 by default.
var decoder = new TextDecoder();
report([decoder.encoding, decoder.fatal, decoder.ignoreBOM]);
report(decoder.decode(new Uint8Array([0x48, 0x69, 0x20, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80])));
report(decoder.decode());
report(decoder.decode(new Uint8Array(0)));
