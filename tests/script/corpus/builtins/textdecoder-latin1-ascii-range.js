// windows-1252 (alias latin1) decodes ASCII and the upper Latin-1 range byte by byte.
var decoder = new TextDecoder('latin1');
report(decoder.decode(new Uint8Array([0x48, 0x69, 0xE9, 0xFF, 0xA0])));
