// From another URLSearchParams: a copy, not a view.
var original = new URLSearchParams('a=1&b=2');
var copy = new URLSearchParams(original);
copy.append('c', '3');
original.delete('a');
report([original.toString(), copy.toString()]);
