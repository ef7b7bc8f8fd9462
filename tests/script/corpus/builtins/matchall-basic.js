// matchAll yields every match with its captures, index and input.
var matches = Array.from('key1=val1&key2=val2'.matchAll(/(\w+)=(\w+)/g));
report(matches.map(function (m) { return [m[0], m[1], m[2], m.index, m.input, m.length]; }));
