// findLast and findLastIndex on typed arrays.
var bytes = new Uint8Array([1, 200, 3, 250, 5]);
report(bytes.findLast(function (b) { return b > 100; }));
report(bytes.findLastIndex(function (b) { return b > 100; }));
report(bytes.findLastIndex(function (b) { return b > 255; }));
