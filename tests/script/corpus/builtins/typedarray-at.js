// at on typed arrays.
report([new Uint8Array([1, 2, 3]).at(-1), new Float64Array([0.5, 1.5]).at(0), new Int16Array([-5, 7]).at(-2), new Uint8Array(0).at(0)]);
