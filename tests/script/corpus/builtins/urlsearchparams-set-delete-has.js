// set replaces the first value and drops the others; delete removes all; has tests presence.
var params = new URLSearchParams('a=1&b=2&a=3&c=4&a=5');
params.set('a', 'x');
report(params.toString());
params.set('new', 'n');
report(params.toString());
params.delete('b');
report([params.toString(), params.has('b'), params.has('c'), params.has('C')]);
