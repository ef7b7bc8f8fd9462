// return inside finally overrides the try's return and a pending exception
async function a() { try { return 'try'; } finally { await null; } }
async function b() { try { return 'try'; } finally { return 'finally'; } }
async function c() { try { throw new Error('lost'); } finally { return await Promise.resolve('finally wins'); } }
async function d() {
  const log = [];
  try { return log; } finally { await null; log.push('ran after return value was taken'); }
}
async function e() {
  for (const x of [1, 2, 3]) {
    try { if (x === 2) return x; } finally { if (x === 2) await null; }
  }
}
module.exports = async function () {
  return [await a(), await b(), await c(), await d(), await e()];
};
