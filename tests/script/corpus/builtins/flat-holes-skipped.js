// Holes are skipped, at every level, while undefined elements are kept.
var result = [1, , 3, [4, , 6], undefined].flat();
report(result);
report(result.length);
report(Object.keys(result));
