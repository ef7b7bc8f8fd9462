// integer keys come first, then strings in insertion order, as in a spread copy in Node
module.exports = function () {
  const o = { b: 1, 2: 'two', a: 2, 1: 'one', ...{ 0: 'zero', c: 3, b: 'again' } };
  return [Object.keys(o), JSON.stringify(o)];
};
