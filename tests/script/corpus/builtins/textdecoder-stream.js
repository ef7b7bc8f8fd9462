// With stream: true an incomplete sequence waits for the next chunk.
var decoder = new TextDecoder();
var euro = [0xE2, 0x82, 0xAC];
var parts = [decoder.decode(new Uint8Array([0x61, euro[0]]), { stream: true }),
    decoder.decode(new Uint8Array([euro[1]]), { stream: true }),
    decoder.decode(new Uint8Array([euro[2], 0x62]), { stream: true }),
    decoder.decode()];
report(parts);
var truncated = new TextDecoder();
report([truncated.decode(new Uint8Array([0xF0, 0x9F]), { stream: true }), truncated.decode()]);
