// get joins the values of a name with ", ", in the order they were added.
var headers = new Headers();
headers.append('Accept', 'text/html');
headers.append('X-Other', '1');
headers.append('accept', 'application/json');
report(headers.get('accept'));
