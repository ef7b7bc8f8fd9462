// base64 in and out.
var texts = ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', '\u00ff\u00fe\u00fd', 'client:s3cr3t/+?'];
report(texts.map(function (t) { return Buffer.from(t).toString('base64'); }));
report(texts.map(function (t) { return Buffer.from(Buffer.from(t).toString('base64'), 'base64').toString() === t; }));
