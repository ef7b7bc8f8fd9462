// ??=, ||= and &&= on variables: values and short-circuiting
module.exports = function () {
  let calls = 0;
  const f = (v) => { calls++; return v; };
  let a = null, b = undefined, c = 0, d = '', e = 'keep', g = 1, h = 0;
  a ??= f('a');
  b ??= f('b');
  c ??= f('never');
  d ||= f('d');
  e ||= f('never');
  g &&= f('g');
  h &&= f('never');
  let chain = null;
  const result = (chain ??= 'first') + (chain ??= 'second');
  return [a, b, c, d, e, g, h, calls, chain, result];
};
