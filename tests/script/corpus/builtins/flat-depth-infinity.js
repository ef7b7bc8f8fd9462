// flat(Infinity) flattens every level.
report([1, [2, [3, [4, [5, [6]]]]]].flat(Infinity));
report([[[[[]]]]].flat(Infinity));
