// Values are converted to strings; the object is tagged Headers.
var headers = new Headers();
headers.set('n', 42);
headers.set('b', true);
report([headers.get('n'), headers.get('b')]);
report(Object.prototype.toString.call(headers));
report(typeof headers[Symbol.iterator]);
