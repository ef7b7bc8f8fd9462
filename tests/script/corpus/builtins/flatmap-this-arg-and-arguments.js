// The mapper gets (element, index, array) and the thisArg.
var seen = [];
var context = { factor: 3 };
var source = [5, 6];
var result = source.flatMap(function (value, index, array) {
    seen.push([value, index, array === source, this === context]);
    return value * this.factor;
}, context);
report(result);
report(seen);
