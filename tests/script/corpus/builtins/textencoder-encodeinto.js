// encodeInto writes what fits and never splits a character.
var encoder = new TextEncoder();
var small = new Uint8Array(5);
report(encoder.encodeInto('a\u20ac\uD83D\uDE00', small));
report(small);
report(encoder.encodeInto('', new Uint8Array(2)));
var exact = new Uint8Array(4);
report(encoder.encodeInto('\uD83D\uDE00x', exact));
report(encoder.encodeInto('\uD800z', new Uint8Array(10)));
