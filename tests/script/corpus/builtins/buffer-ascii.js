// ascii writes the low byte and reads the low seven bits.
report(Buffer.from('\u00e9A', 'ascii'));
report(Buffer.from([0xE9, 0x80, 0xFF, 0x41]).toString('ascii'));
