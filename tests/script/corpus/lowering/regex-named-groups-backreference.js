// \k<name> backreferences and numbered references to named groups
module.exports = function () {
  const quoted = /(?<q>['"]).*?\k<q>/;
  const doubled = /(?<word>\w+) \k<word>/g;
  return [
    quoted.exec(`say "hi" and 'bye'`)[0], quoted.exec(`"mixed'`), 'the the cat cat dog'.match(doubled),
    'aa bb'.replace(/(?<c>\w)\1/g, '[$<c>]'), /(?<a>.)\k<a>/.test('xx'), /(?<a>.)\k<a>/.test('xy'),
  ];
};
