// Lone surrogates are encoded as U+FFFD.
var encoder = new TextEncoder();
report(encoder.encode('\uD800'));
report(encoder.encode('a\uDC00b'));
report(encoder.encode('\uDBFF\uDFFF'));
report(encoder.encode('\uDC00\uD800'));
