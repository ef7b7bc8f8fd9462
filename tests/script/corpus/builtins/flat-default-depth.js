// Array.prototype.flat() flattens one level by default.
report([1, [2, [3, [4]]]].flat());
report([[]].flat());
report([].flat());
