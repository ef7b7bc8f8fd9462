// Replacement patterns with a string pattern: $$ $& $` $' work; $1 and $<name> stay literal.
var s = 'x.y.z';
report(s.replaceAll('.', '$$'));
report(s.replaceAll('.', '[$&]'));
report(s.replaceAll('.', '[$`]'));
report(s.replaceAll('.', "[$']"));
report(s.replaceAll('.', '[$1]'));
report(s.replaceAll('.', '[$<name>]'));
report(s.replaceAll('.', '$'));
report(s.replaceAll('.', '$0$00$9'));
