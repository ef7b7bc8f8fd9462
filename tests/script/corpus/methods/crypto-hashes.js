var crypto = require('crypto');
module.exports = function () {
  return [crypto.createHash('sha256').update('abc').digest('hex'),
          crypto.createHash('sha1').update(Buffer.from('abc')).digest('base64'),
          crypto.createHash('sha512').update('').digest('hex').slice(0, 16),
          crypto.createHmac('sha1', Buffer.from('key')).update('data').digest('hex')];
};
