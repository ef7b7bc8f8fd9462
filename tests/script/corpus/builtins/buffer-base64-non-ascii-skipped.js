// Node decodes the low byte of each UTF-16 code unit: most non-ASCII characters are skipped, but
// U+013D counts as '=' and ends the data, as does U+D83D, the lead surrogate of many emoji.
report(Buffer.from('YW\u00e9Jj', 'base64').toString());
report(Buffer.from('\u0159\u0151==', 'base64').toString());
report(Buffer.from('YQ\u013d\u013dYQ==', 'base64').toString());
report(Buffer.from('Y\u2028W\uD83D\uDE00Jj', 'base64').toString());
