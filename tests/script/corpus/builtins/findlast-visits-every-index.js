// findLast visits every index from the end, holes included, with (value, index, array) and thisArg.
var visits = [];
var context = {};
[1, , 3].findLast(function (value, index, array) {
    visits.push([value, index, Array.isArray(array), this === context]);
    return false;
}, context);
report(visits);
