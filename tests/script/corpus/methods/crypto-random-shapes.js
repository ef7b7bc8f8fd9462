var crypto = require('crypto');
module.exports = function () {
  var bytes = crypto.randomBytes(32);
  var values = crypto.getRandomValues(new Uint8Array(8));
  return [bytes.length, Buffer.isBuffer(bytes), values.length, typeof crypto.randomUUID(), crypto.randomUUID().length];
};
