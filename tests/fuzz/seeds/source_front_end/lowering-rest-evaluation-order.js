// the source of a rest pattern is evaluated once; rest excludes keys read before it
module.exports = function () {
  let reads = 0;
  const make = () => { reads++; return { a: 1, b: 2, c: 3 }; };
  const { a, ...r } = make();
  const keys = [];
  const proxyish = { get x() { keys.push('x'); return 1; }, get y() { keys.push('y'); return 2; } };
  const { x, ...others } = proxyish;
  return [a, r, reads, x, others, keys];
};
