// Empty matches advance by one, so the iteration ends.
report(Array.from('abc'.matchAll(/(?:)/g), function (m) { return m.index; }));
report(Array.from('a,b,,c'.matchAll(/[^,]*/g), function (m) { return [m[0], m.index]; }));
