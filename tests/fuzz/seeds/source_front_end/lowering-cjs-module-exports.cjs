// CommonJS: require of the shims, module.exports and exports in a .cjs file
const crypto = require('crypto');
const { createHash } = require('node:crypto');
exports.helper = () => 'helper';
module.exports.test = function () {
  return [typeof crypto.createHash, createHash('md5').update('a').digest('hex'), exports.helper(), module.exports === exports];
};
