// size counts the pairs.
var params = new URLSearchParams('a=1&a=2&b=3');
report(params.size);
params.delete('a');
report(params.size);
report(new URLSearchParams().size);
