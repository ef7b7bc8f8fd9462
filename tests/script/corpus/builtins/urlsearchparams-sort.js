// sort orders by name (UTF-16 code units) and keeps the order of equal names.
var params = new URLSearchParams('z=1&a=2&b=3&a=1&Z=0&\u00e9=e&a=0');
params.sort();
report(params.toString());
