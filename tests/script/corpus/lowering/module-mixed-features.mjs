// an ES module mixing hoisted imports, class fields, private names, spread and async exports
export class Client {
  #token;
  static created = 0;
  headers = { Accept: 'application/json' };
  constructor(token) { this.#token = token; Client.created++; }
  async request(path, { headers = {}, ...rest } = {}) {
    await null;
    return { path, headers: { ...this.headers, ...headers, Authorization: `Bearer ${digest(this.#token)}` }, rest };
  }
}
function digest(v) { return createHash('sha256').update(v).digest('hex').slice(0, 6); }
import { createHash } from 'crypto';
export default async function test() {
  const c = new Client('secret');
  return [await c.request('/me', { headers: { X: '1' }, timeout: 5 }), Client.created];
}
