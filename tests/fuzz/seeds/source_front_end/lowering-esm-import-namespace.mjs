// namespace imports: members and the default member
import * as crypto from 'node:crypto';
import * as http from 'axios';
export default function test() {
  return [typeof crypto.createHash, typeof crypto.randomBytes, typeof http.default, typeof http.default.post, crypto.createHash('md5').update('').digest('hex')];
}
