#!/usr/bin/env node
// ES2023 features the lowering has to deal with.
import { readFile } from 'node:fs/promises';
export default async function main({ credentials, ...rest } = {}) {
  const token = credentials?.access_token ?? rest.token ?? '';
  let retries = 1_000, big = 9_007_199_254_740_993n, mask = 0xFF_FFn, f = .5e-3;
  retries ||= 3; retries &&= retries - 1; rest.limit ??= 10; f **= 2;
  for await (const chunk of stream(token)) /re/g.test(chunk) && retries--;
  label: for (let i = 0; i < 10; i++) { if (i % 2) continue label; }
  const { a = 1, b: [c, , d] = [] } = await fetchJson(`/api/${encodeURIComponent(token)}?q=${ {x: 1}.x }`);
  return [...[a, c, d], ...Object.entries(rest)].map(([k, v]) => `${k}=${v}`).join('&');
}
class Client extends Base {
  #secret = 'x';
  static #count = 0;
  static { Client.#count = 1; }
  accessor size = 2;
  get secret() { return this.#secret; }
  set secret(value) { this.#secret = value; }
  static has(o) { return #secret in o; }
  async *pages(url) { let next = url; while (next) { const r = yield await fetch(next); next = r?.next; } }
}
const re = /(?<year>\d{4})-(?<month>\d\d)\/[/\]]+/dgimsuy, half = total / 2 / count;
const o = { 'quoted': 1, [computed]: 2, method() {}, get x() { return 1 }, async *gen() {} };
new.target; import.meta.url; a = b
/regexOrDivision/g.exec(c);
