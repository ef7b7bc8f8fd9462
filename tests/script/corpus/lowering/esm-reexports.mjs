// re-exports: named, renamed, default as name, export * and export * as ns
export { createHash, createHmac as hmac } from 'crypto';
export { default as client } from 'axios';
export * as ns from 'node:crypto';
export * from 'axios';
import * as self from 'crypto';
export default function test() {
  return [typeof self.createHash, 'reexports do not break the default export'];
}
