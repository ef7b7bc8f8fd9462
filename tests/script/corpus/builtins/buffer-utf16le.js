// utf16le / ucs2: two bytes per code unit, little endian.
report(Buffer.from('h\u00e9\uD83D\uDE00', 'utf16le'));
report(Buffer.from('ab', 'ucs2').equals(Buffer.from('ab', 'utf-16le')));
report(Buffer.from([0x68, 0x00, 0xE9, 0x00, 0x3D]).toString('utf16le'));
