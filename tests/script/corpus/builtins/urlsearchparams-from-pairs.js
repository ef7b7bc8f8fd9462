// From a sequence of [name, value] pairs, a Map or a generator.
report(new URLSearchParams([['a', '1'], ['a', '2'], ['b', 3]]).toString());
report(new URLSearchParams(new Map([['m', 'x y']])).toString());
function* gen() { yield ['g', 1]; yield new Set(['s', 't']); }
report(new URLSearchParams(gen()).toString());
