// A string argument is a regular expression source, made global.
report(Array.from('a.b'.matchAll('.'), function (m) { return m[0]; }));
report(Array.from('a+b+c'.matchAll('\\+'), function (m) { return m.index; }));
report(Array.from('nullxnull'.matchAll(null), function (m) { return m.index; }));
report(Array.from('ab'.matchAll(), function (m) { return m.index; }));
