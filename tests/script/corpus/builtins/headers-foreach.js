// forEach calls (value, name, headers) in sorted order.
var headers = new Headers({ b: '2', a: '1' });
var calls = [];
var context = {};
headers.forEach(function (value, name, object) { calls.push([value, name, object === headers, this === context]); }, context);
report(calls);
