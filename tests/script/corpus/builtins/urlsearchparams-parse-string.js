// Parsing: an optional leading '?', empty pieces skipped, '=' optional, '+' is a space, bad escapes kept.
function pairs(init) { return Array.from(new URLSearchParams(init)); }
report(pairs('?a=1&b=2'));
report(pairs('a=1&&b=&=c&d'));
report(pairs('x=%zz&y=%4&z=%41%42'));
report(pairs('k=a=b=c'));
report(pairs('??a=1'));
report(pairs(''));
report(pairs('a=%E2%82&b=%FF'));
