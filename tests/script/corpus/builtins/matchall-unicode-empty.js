// With the u flag an empty match steps over a whole surrogate pair.
report(Array.from('x\uD83D\uDE00y'.matchAll(/(?:)/gu), function (m) { return m.index; }));
