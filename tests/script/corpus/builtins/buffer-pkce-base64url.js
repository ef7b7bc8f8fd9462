// A PKCE-style code verifier and a JWT segment, base64url without padding.
var bytes = [];
for (var i = 0; i < 32; ++i)
    bytes.push((i * 37 + 11) % 256);
report(Buffer.from(bytes).toString('base64url'));
var header = { alg: 'RS256', typ: 'JWT', kid: '\u00e9' };
var segment = Buffer.from(JSON.stringify(header)).toString('base64url');
report(segment);
report(JSON.parse(Buffer.from(segment, 'base64url').toString()));
