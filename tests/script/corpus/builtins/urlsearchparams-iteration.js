// keys, values, entries, for-of and forEach see the pairs in order.
var params = new URLSearchParams('a=1&b=2&a=3');
report(Array.from(params.keys()));
report(Array.from(params.values()));
report(Array.from(params.entries()));
var seen = [];
for (var pair of params)
    seen.push(pair.join(':'));
report(seen);
var calls = [];
var context = {};
params.forEach(function (value, name, object) { calls.push([value, name, object === params, this === context]); }, context);
report(calls);
report(params[Symbol.iterator] === params.entries);
