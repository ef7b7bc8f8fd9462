// findLast searches from the end.
var items = [{ id: 1, ok: true }, { id: 2, ok: false }, { id: 3, ok: true }, { id: 4, ok: false }];
report(items.findLast(function (item) { return item.ok; }));
report(items.findLast(function (item) { return item.id > 10; }));
