// Decoding a JWT's claims, as connector hooks do.
module.exports = function () {
  var claims = Buffer.from(JSON.stringify({ sub: '123', name: 'Åsa', exp: 1700000000 })).toString('base64url');
  var token = 'eyJhbGciOiJub25lIn0.' + claims + '.';
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
};
