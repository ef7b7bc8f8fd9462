// delete removes every value of a name; get of a missing name is null.
var headers = new Headers({ a: '1', b: '2' });
headers.append('a', '3');
headers.delete('A');
report([headers.has('a'), headers.get('a'), headers.get('b'), Array.from(headers)]);
headers.delete('not-there');
report(Array.from(headers.keys()));
