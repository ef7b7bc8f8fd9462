// async callbacks given to array methods, promises and timers
module.exports = async function () {
  const doubled = await Promise.all([1, 2, 3].map(async (n) => (await Promise.resolve(n)) * 2));
  const filtered = [];
  await [4, 5, 6].reduce(async (previous, n) => { await previous; if (n % 2 === 0) filtered.push(n); }, Promise.resolve());
  const viaThen = await Promise.resolve(7).then(async (v) => v + (await Promise.resolve(1)));
  const viaTimer = await new Promise((resolve) => setTimeout(async () => resolve(await Promise.resolve('timer')), 1));
  return [doubled, filtered, viaThen, viaTimer];
};
