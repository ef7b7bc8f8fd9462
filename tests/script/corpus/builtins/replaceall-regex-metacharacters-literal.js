// A string pattern is literal: regex metacharacters match themselves.
report('a.*b.*c'.replaceAll('.*', '+'));
report('(x)(y)'.replaceAll('(', '['));
report('a$b$c'.replaceAll('$', '\\'));
