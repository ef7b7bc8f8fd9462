// Object.fromEntries from an array of pairs.
report(Object.fromEntries([['a', 1], ['b', [2]], ['c', { d: 3 }]]));
report(Object.fromEntries([]));
