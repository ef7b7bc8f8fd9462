// await in call arguments: evaluation order, spread, method calls, new
const later = (v) => new Promise((resolve) => setTimeout(() => resolve(v), 0));
module.exports = async function () {
  const order = [];
  const f = (...args) => args;
  const note = (v) => { order.push(v); return v; };
  const r1 = f(note('a'), await later(note('b')), note('c'));
  const r2 = f(...(await later([1, 2])), await later(3));
  const r3 = Math.max(await later(4), await later(9), 2);
  const r4 = new Array(await later(2)).fill(await later('x'));
  const r5 = [await later('p')].concat(await later(['q']));
  return [r1, r2, r3, r4, r5, order];
};
