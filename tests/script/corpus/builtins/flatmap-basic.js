// flatMap maps and flattens one level.
report([1, 2, 3].flatMap(function (x) { return [x, x * 10]; }));
report(['a b', 'c'].flatMap(function (s) { return s.split(' '); }));
