// A function replacer gets (match, offset, string) and its result is converted to a string.
var calls = [];
var result = 'a1a2a'.replaceAll('a', function (match, offset, string) {
    calls.push([match, offset, string, arguments.length]);
    return offset % 2 === 0 ? offset : null;
});
report(result);
report(calls);
