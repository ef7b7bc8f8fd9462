// Array.prototype.sort is stable (ES2019): equal elements keep their order.
var people = [];
var names = ['ann', 'bob', 'cid', 'dan', 'eve', 'fay', 'gus', 'hal', 'ivy', 'jon', 'kim', 'lou', 'max', 'ned'];
for (var i = 0; i < names.length; ++i)
    people.push({ name: names[i], group: i % 3 });
people.sort(function (a, b) { return a.group - b.group; });
report(people.map(function (p) { return p.group + p.name; }).join(' '));
