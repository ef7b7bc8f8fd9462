// the regex `s` flag: `.` matches line terminators; classes and escapes keep their meaning
module.exports = function () {
  const re = /start.(.*).end/s;
  const text = 'start\nmiddle\r\nline\u2028end';
  return [
    re.test(text), re.exec(text)[1], /a.b/.test('a\nb'), /a.b/s.test('a\nb'), /a[.]b/s.test('a\nb'), /a\.b/s.test('a\nb'),
    'x\ny\nz'.replace(/x.y/s, 'XY'), 'a\nb'.match(/^.+$/s)[0], /[^.]./s.exec('\n\n')[0].length,
  ];
};
