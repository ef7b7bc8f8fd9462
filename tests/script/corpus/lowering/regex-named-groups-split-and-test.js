// named-group regexes with test, search, split and String(match)
module.exports = function () {
  const re = /(?<sep>[,;])/;
  const g = /(?<n>\d)/g;
  const tested = [g.test('a1'), g.lastIndex, g.test('a1'), g.lastIndex];
  return [re.test('a,b'), 'a;b'.search(re), 'a,b;c'.split(re), tested, String('x1y2'.match(g)), JSON.stringify(/(?<a>x)/.exec('x'))];
};
