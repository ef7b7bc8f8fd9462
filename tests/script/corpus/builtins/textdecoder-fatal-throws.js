// With fatal, invalid input is a TypeError with Node's code; the decoder stays usable.
var decoder = new TextDecoder('utf-8', { fatal: true });
report(decoder.fatal);
try {
    decoder.decode(new Uint8Array([0x61, 0xFF]));
    report('no error');
} catch (error) {
    report([error.name, error.code]);
}
report(decoder.decode(new Uint8Array([0x6F, 0x6B])));
try {
    decoder.decode(new Uint8Array([0xE2, 0x82]));
    report('no error');
} catch (error) {
    report(error.name);
}
