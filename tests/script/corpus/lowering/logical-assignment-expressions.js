// logical assignments as expressions: values, in conditions, in arrows and with await
module.exports = async function () {
  const cache = {};
  const get = (k) => (cache[k] ??= k.length);
  const results = [get('abc'), get('abc'), cache];
  let x = 0;
  if ((x ||= 5) > 3) results.push('x is ' + x);
  let y = null;
  y ??= await Promise.resolve('awaited');
  const counter = { n: 0 };
  counter.n ||= await Promise.resolve(10);
  results.push(y, counter.n);
  return results;
};
