// An object with Symbol.match counts as a RegExp: its flags must include g.
var regexpLike = { flags: 'i', source: 'a' };
regexpLike[Symbol.match] = true;
try {
    'aaa'.matchAll(regexpLike);
    report('no error');
} catch (error) {
    report(error.name);
}
var notRegExp = /a/g;
notRegExp[Symbol.match] = false;
report(Array.from('a/a/g'.matchAll(notRegExp), function (m) { return m.index; }));
