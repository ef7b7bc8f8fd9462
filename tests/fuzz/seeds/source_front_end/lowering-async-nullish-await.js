// `a ?? await b` evaluates b only when a is null or undefined
module.exports = async function () {
  let calls = 0;
  const b = async () => { calls++; return 'b'; };
  const x = null ?? await b();
  const y = 'a' ?? await b();
  const z = undefined ?? (await b()) ?? 'never';
  const w = 0 ?? await b();
  const v = (await Promise.resolve(null)) ?? 'default';
  const u = (await Promise.resolve(undefined))?.missing ?? 'chained';
  return [x, y, z, w, v, u, calls];
};
