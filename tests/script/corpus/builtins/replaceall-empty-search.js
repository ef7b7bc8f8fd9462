// An empty search string matches between every code unit.
report('abc'.replaceAll('', '-'));
report(''.replaceAll('', '-'));
report('ab'.replaceAll('', function (m, offset) { return '[' + offset + ']'; }));
