// Header names are case-insensitive.
var headers = new Headers();
headers.set('Content-Type', 'application/json');
report([headers.get('content-type'), headers.get('CONTENT-TYPE'), headers.has('Content-type')]);
headers.append('ACCEPT', 'text/plain');
report(Array.from(headers.keys()));
