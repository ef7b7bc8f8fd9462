// Leading and trailing HTTP white space is removed from values.
var headers = new Headers();
headers.set('a', '  padded\t');
headers.append('b', '\r\n inner  space \n');
report([headers.get('a'), headers.get('b')]);
