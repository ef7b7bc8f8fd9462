// matchAll starts at the RegExp's lastIndex and leaves the RegExp itself untouched.
var regexp = /a/g;
regexp.lastIndex = 2;
var indices = Array.from('aaaa'.matchAll(regexp), function (m) { return m.index; });
report(indices);
report(regexp.lastIndex);
