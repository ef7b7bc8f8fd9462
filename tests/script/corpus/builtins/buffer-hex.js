// hex: lowercase out; decoding stops at the first bad pair and drops an odd digit.
report(Buffer.from([0, 15, 16, 255]).toString('hex'));
report(['0A0b', 'abz', 'zz01', 'abc', 'a', 'ab cd', 'DEADBEEF'].map(function (text) { return Buffer.from(text, 'hex').toString('hex'); }));
// Node looks at the low byte of each UTF-16 code unit only.
report([Buffer.from('\u0161\u0162', 'hex').toString('hex'), Buffer.from('ab\u0100', 'hex').toString('hex')]);
