// sort works on array-likes and returns the object.
var object = { 0: 'c', 1: 'a', 2: 'b', length: 3 };
var result = Array.prototype.sort.call(object);
report(result === object);
report([object[0], object[1], object[2], object.length]);
