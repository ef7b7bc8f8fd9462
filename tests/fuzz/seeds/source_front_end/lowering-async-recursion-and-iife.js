// recursive async functions and async IIFEs
async function depth(n) { return n === 0 ? 0 : 1 + (await depth(n - 1)); }
module.exports = async function () {
  const iife = await (async () => 'iife')();
  const named = await (async function countdown(n) { return n ? countdown(n - 1) : 'done'; })(3);
  const results = [];
  await (async () => { for (const n of [1, 2]) results.push(await depth(n * 5)); })();
  return [iife, named, results];
};
