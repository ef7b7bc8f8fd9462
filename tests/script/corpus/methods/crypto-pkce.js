// RFC 7636 appendix B: the S256 challenge of a known verifier.
var crypto = require('node:crypto');
module.exports = function () {
  var verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  return crypto.createHash('sha256').update(verifier).digest('base64url');
};
