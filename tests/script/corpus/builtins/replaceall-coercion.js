// The pattern, the replacement and the receiver are converted to strings.
report('null undefined 1 true'.replaceAll(null, 'N'));
report('null undefined 1 true'.replaceAll(undefined, 'U'));
report('null undefined 1 true'.replaceAll(1, 'one'));
report('x'.replaceAll('x', 42));
report(String.prototype.replaceAll.call(12121, 1, 'i'));
