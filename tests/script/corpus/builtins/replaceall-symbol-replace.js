// An object with Symbol.replace decides the replacement itself.
var pattern = {};
pattern[Symbol.replace] = function (string, replacement) {
    return 'custom(' + string + ',' + replacement + ')';
};
report('abc'.replaceAll(pattern, 'x'));
