// A global RegExp replaces every match, with capture groups available.
report('2024-01-31'.replaceAll(/(\d+)-(\d+)-(\d+)/g, '$3/$2/$1'));
report('a1b22c333'.replaceAll(/\d+/g, function (match, offset) { return '<' + match.length + '@' + offset + '>'; }));
report('aaa'.replaceAll(/a/gi, '$&$&'));
report('abc'.replaceAll(new RegExp('', 'g'), '_'));
