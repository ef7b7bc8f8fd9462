// All of WhiteSpace and LineTerminator is trimmed; U+180E and U+200B are not white space.
var spaces = '\u0009\u000A\u000B\u000C\u000D\u0020\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF';
report((spaces + 'x' + spaces).trimStart().length);
report((spaces + 'x' + spaces).trimEnd().length);
report(['\u180Ex\u180E'.trimStart().length, '\u200Bx\u200B'.trimEnd().length]);
