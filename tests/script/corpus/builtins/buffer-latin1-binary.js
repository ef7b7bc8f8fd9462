// latin1 and binary: one byte per character, the low byte of the code unit.
report(Buffer.from('\u00e9\u00ff\u0100\u20ac', 'latin1'));
report(Buffer.from('\u00e9', 'binary'));
report(Buffer.from([0xE9, 0x80, 0xFF]).toString('latin1'));
report(Buffer.from([0xE9]).toString('binary'));
