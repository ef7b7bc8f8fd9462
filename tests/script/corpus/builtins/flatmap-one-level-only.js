// flatMap flattens the mapper's results one level only.
report([1, 2].flatMap(function (x) { return [[x], [[x * 2]]]; }));
