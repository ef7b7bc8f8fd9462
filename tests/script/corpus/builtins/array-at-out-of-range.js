// at returns undefined outside the array.
var array = [1, 2, 3];
report([array.at(3), array.at(-4), array.at(100), [].at(0)]);
