// Object.fromEntries from a Map and from Object.entries.
report(Object.fromEntries(new Map([['x', 1], ['y', 2]])));
var source = { p: 1, q: 'two' };
report(Object.fromEntries(Object.entries(source).map(function (entry) { return [entry[0].toUpperCase(), entry[1]]; })));
