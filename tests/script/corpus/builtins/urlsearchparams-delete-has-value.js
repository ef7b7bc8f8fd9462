// delete and has with a value argument match name and value.
var params = new URLSearchParams('a=1&a=2&b=1');
report([params.has('a', '2'), params.has('a', '3'), params.has('b', 1)]);
params.delete('a', '1');
report(params.toString());
