// object rest in assignment expressions: statements, values, nested in arrays, in loops
module.exports = function () {
  let a, b, r, s;
  ({ a, ...r } = { a: 1, b: 2, c: 3 });
  const value = ({ b, ...s } = { b: 'B', d: 'D' });
  let x, y;
  [x, { ...y }] = [1, { k: 'v' }];
  const seen = [];
  let item;
  for (const source of [{ n: 1, m: 2 }]) { let n; ({ n, ...item } = source); seen.push(n, item); }
  return [a, r, b, s, value, x, y, seen];
};
