// spread of null, undefined, strings, numbers, booleans, arrays and functions
module.exports = function () {
  const fn = function () {};
  fn.prop = 'on function';
  return [
    { ...null },
    { ...undefined, a: 1 },
    { ...'hey' },
    { ...123, ...true },
    { ...['x', 'y'] },
    { ...fn },
    { ...'', ...[], b: 2 },
  ];
};
