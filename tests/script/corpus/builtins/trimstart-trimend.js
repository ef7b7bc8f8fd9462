// trimStart and trimEnd remove white space at one end only.
var s = ' \t\n hello world \r\n ';
report([s.trimStart(), s.trimEnd(), s.trim()]);
report(['x'.trimStart(), ''.trimEnd(), '   '.trimStart()]);
