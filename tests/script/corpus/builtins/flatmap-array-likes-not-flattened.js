// Only arrays are flattened: strings, array-likes and typed arrays stay whole.
report([1].flatMap(function () { return 'abc'; }));
report([1].flatMap(function () { return { length: 1, 0: 'x' }; }));
report([1].flatMap(function () { return new Uint8Array([7, 8]); }));
