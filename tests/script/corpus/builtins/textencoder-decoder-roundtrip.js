// Encoding and decoding again gives the string back.
var text = 'token \u00fc\u00f1\u00ee\u00e7\u00f8d\u00e9 \u4E2D\u6587 \uD83D\uDD11';
var bytes = new TextEncoder().encode(text);
report(bytes.length);
report(new TextDecoder().decode(bytes) === text);
report(Object.prototype.toString.call(new TextEncoder()) + Object.prototype.toString.call(new TextDecoder()));
