// Keys are converted to property keys; symbols stay symbols; the last duplicate wins.
var symbol = Symbol('s');
var object = Object.fromEntries([[1, 'one'], [null, 'null'], [{ toString: function () { return 'obj'; } }, 'o'], [symbol, 'sym'], ['1', 'again']]);
report(object);
report(object[symbol]);
report(Object.fromEntries([['k', 1], ['k', 2]]));
