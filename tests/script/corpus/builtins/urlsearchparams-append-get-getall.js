// append adds, get returns the first value or null, getAll all of them.
var params = new URLSearchParams();
params.append('scope', 'read');
params.append('scope', 'write');
params.append('state', 'xyz');
report([params.get('scope'), params.get('missing'), params.getAll('scope'), params.getAll('missing')]);
report(params.toString());
