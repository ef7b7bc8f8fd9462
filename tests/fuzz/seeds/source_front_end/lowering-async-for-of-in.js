// for-of and for-in with await in the head and the body
module.exports = async function () {
  const out = [];
  for (const v of await Promise.resolve(['a', 'b'])) out.push(await Promise.resolve(v.toUpperCase()));
  for (const k in await Promise.resolve({ p: 1, q: 2 })) out.push(k);
  for (const [i, v] of ['x', 'y'].entries()) { await null; out.push(i + v); }
  const promises = [1, 2, 3].map(async (n) => n * 10);
  for (const p of promises) out.push(await p);
  return out;
};
