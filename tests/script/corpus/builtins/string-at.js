// String.prototype.at returns one UTF-16 code unit as a string.
var s = 'abc\uD83D\uDE00';
report([s.at(0), s.at(-1), s.at(-2), s.at(3), s.at(10), ''.at(0)]);
report(String.prototype.at.call(12345, -2));
