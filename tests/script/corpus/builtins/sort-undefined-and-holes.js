// undefined sorts last without calling the comparator, holes after it.
var calls = 0;
var array = [3, undefined, 1, , 2];
var result = array.sort(function (a, b) { calls++; return a - b; });
report(result === array);
report(result.slice(0, 4));
report([result.length, 4 in result, Object.keys(result)]);
report(calls > 0);
