// import() of a shim returns a promise of its namespace
export default async function test() {
  const crypto = await import('crypto');
  const axios = await import('axios');
  return [typeof crypto.createHash, typeof axios.default, crypto.createHash('sha1').update('x').digest('hex').length];
}
