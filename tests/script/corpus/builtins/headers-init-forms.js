// Headers from an object, from pairs and from another Headers.
report(Array.from(new Headers({ 'User-Agent': 'authdesk', Accept: '*/*' })));
report(Array.from(new Headers([['a', '1'], ['a', '2']])));
var original = new Headers({ k: 'v' });
var copy = new Headers(original);
copy.set('k', 'changed');
report([original.get('k'), copy.get('k')]);
report(Array.from(new Headers(undefined)));
