// findLastIndex returns the last matching index, or -1.
var numbers = [5, 12, 8, 130, 44];
report(numbers.findLastIndex(function (n) { return n > 10; }));
report(numbers.findLastIndex(function (n) { return n > 1000; }));
report([].findLastIndex(function () { return true; }));
