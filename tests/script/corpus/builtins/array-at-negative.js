// Array.prototype.at counts negative indices from the end.
var array = ['a', 'b', 'c'];
report([array.at(0), array.at(-1), array.at(-3), array.at(2)]);
