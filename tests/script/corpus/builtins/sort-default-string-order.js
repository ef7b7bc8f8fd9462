// Without a comparator elements are compared as strings.
report([10, 9, 1, 100, 25].sort());
report(['b', 'a', 'B', 'aa', 'A', ''].sort());
report([true, false, null, 'null', 0].sort());
