// object rest in const, let and var declarations, several declarators, nested
module.exports = function () {
  const { a, ...r1 } = { a: 1, b: 2, c: 3 };
  let { x: { y, ...r2 }, ...r3 } = { x: { y: 1, z: 2 }, w: 3 };
  var { ...all } = { p: 1 }, { q, ...r4 } = { q: 2, s: 3 };
  const [first, { id, ...r5 }] = [0, { id: 7, name: 'n' }];
  return [a, r1, y, r2, r3, all, q, r4, first, id, r5];
};
