// regex literals next to division and in awkward positions parse as Node parses them
module.exports = function () {
  const a = 10, b = 2, g = 5;
  const division = a / b / g;
  const re = [/=/.test('a=b'), /[/]/.test('/'), /\//.test('a/b'), /a/g.flags];
  const afterParen = (a) / 2;
  const inCondition = a > 1 ? /x/.test('x') : /y/;
  const tpl = `${/t/.source}`;
  return [division, re, afterParen, inCondition, tpl, '1/2/3'.split(/\//), typeof /re/];
};
