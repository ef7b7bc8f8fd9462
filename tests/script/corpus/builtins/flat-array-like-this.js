// flat works on array-likes; only real arrays are flattened into the result.
var arrayLike = { length: 3, 0: [1, 2], 1: 'ab', 2: { length: 1, 0: 'x' } };
report(Array.prototype.flat.call(arrayLike));
report(Array.isArray(Array.prototype.flat.call(arrayLike)));
