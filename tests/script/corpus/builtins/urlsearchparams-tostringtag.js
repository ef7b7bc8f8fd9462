// The object and its iterators are tagged.
var params = new URLSearchParams('a=1');
report(Object.prototype.toString.call(params));
report(Object.prototype.toString.call(params.keys()));
report(typeof params.keys()[Symbol.iterator]);
report(JSON.stringify(params));
report(Object.keys(params));
