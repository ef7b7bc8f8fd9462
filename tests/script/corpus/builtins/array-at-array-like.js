// at works on array-likes and reads holes as undefined.
report(Array.prototype.at.call({ length: 2, 0: 'x', 1: 'y' }, -1));
report([1, , 3].at(1));
