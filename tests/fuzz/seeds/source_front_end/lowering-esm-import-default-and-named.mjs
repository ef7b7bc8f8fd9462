// default, named and aliased imports from the module shims
import axios, { isAxiosError as isError } from 'axios';
import { createHash, createHmac as hmac } from 'crypto';
export default function test() {
  const client = axios.create({ baseURL: 'http://x' });
  return [typeof axios, typeof axios.get, typeof client.get, isError({ isAxiosError: true }), isError(new Error('plain')), createHash('sha1').update('a').digest('hex'), hmac('sha256', 'k').update('v').digest('base64')];
}
