// The Authorization header of HTTP Basic authentication (RFC 7617), as connectors build it.
var clientId = 's6BhdRkqt3';
var clientSecret = '7Fjfp0ZBr1KtDRbnfVdmIw';
report('Basic ' + Buffer.from(clientId + ':' + clientSecret).toString('base64'));
report('Basic ' + Buffer.from(encodeURIComponent('id with space') + ':' + encodeURIComponent('s\u00e9cret')).toString('base64'));
report(Buffer.from('czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3', 'base64').toString());
