// set replaces every value of a name.
var headers = new Headers([['a', '1'], ['a', '2']]);
headers.set('A', '3');
report([headers.get('a'), Array.from(headers)]);
