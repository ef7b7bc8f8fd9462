// The comparator's result is converted with ToNumber.
report([3, 1, 2].sort(function (a, b) { return String(a - b); }));
report([3, 1, 2].sort(function (a, b) { return a > b; }) .length);
report(['b', 'c', 'a'].sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; }));
