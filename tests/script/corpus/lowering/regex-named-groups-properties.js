// a named-group regex keeps its source, flags, lastIndex and is a RegExp
module.exports = function () {
  const re = /(?<n>\d+)/g;
  const copy = new RegExp(re);
  re.lastIndex = 0;
  re.exec('a1 b22');
  return [re.source, re.flags, String(re), re.lastIndex, re instanceof RegExp, re.test('5'), 'x9'.search(re), 'a1b2'.split(/(?<d>\d)/), copy.source];
};
