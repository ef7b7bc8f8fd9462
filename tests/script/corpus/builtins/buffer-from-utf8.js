// Buffer.from(string) is UTF-8; lone surrogates become U+FFFD.
report(Buffer.from('h\u00e9llo \u20ac\uD83D\uDE00'));
report(Buffer.from('x', 'utf8').equals(Buffer.from('x', 'UTF-8')));
report(Buffer.from('\uD800x\uDC00'));
report(Buffer.from(''));
report(Buffer.from('abc').length);
