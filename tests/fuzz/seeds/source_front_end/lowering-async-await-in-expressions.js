// await inside array literals, destructuring defaults, comma, compound assignment and exponent
module.exports = async function () {
  const p = (v) => Promise.resolve(v);
  let total = 1;
  total += await p(2);
  total *= await p(3);
  const [a = await p('default-a'), b = 'b'] = [undefined, await p('given-b')];
  const { c = await p('default-c') } = {};
  const seq = (await p(1), await p(2));
  const arr = [await p(1), , await p(3)];
  const o = { n: 1 };
  o.n += await p(10);
  const e = 2 ** (await p(3));
  return [total, a, b, c, seq, arr.length, arr[2], o.n, e];
};
