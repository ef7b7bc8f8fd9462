// import x = require() and exported functions in a CommonJS-style TypeScript file
import crypto = require('crypto');
import axios = require('axios');
export function test(): unknown {
  const digest = crypto.createHash('sha256').update('abc').digest('hex');
  return [digest.slice(0, 16), typeof axios.get];
}
