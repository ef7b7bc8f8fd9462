// Promise.all, race and chained async functions
module.exports = async function () {
  const delay = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
  const fast = async () => delay(1, 'fast');
  const slow = async () => { await delay(20); return 'slow'; };
  const race = await Promise.race([slow(), fast()]);
  const all = await Promise.all([slow(), fast(), 3]);
  const chained = await fast().then(async (v) => (await slow()) + '+' + v);
  return [race, all, chained];
};
