// Names and values are converted to strings.
var params = new URLSearchParams();
params.append(1, 2);
params.append(null, undefined);
params.append({ toString: function () { return 'obj'; } }, true);
params.append('arr', [1, 'two']);
report(params.toString());
report(params.get(1));
