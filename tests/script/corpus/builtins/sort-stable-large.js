// Stability holds for long arrays too (engines switch algorithms past a few elements).
var records = [];
for (var i = 0; i < 500; ++i)
    records.push({ key: (i * 7919) % 10, order: i });
records.sort(function (a, b) { return a.key - b.key; });
var stable = true;
for (var j = 1; j < records.length; ++j) {
    if (records[j - 1].key === records[j].key && records[j - 1].order > records[j].order)
        stable = false;
}
report(stable);
report(records.slice(0, 5).map(function (r) { return r.order; }));
