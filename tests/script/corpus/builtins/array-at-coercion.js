// The index is converted with ToIntegerOrInfinity.
var array = [10, 20, 30];
report([array.at('1'), array.at(1.7), array.at(-0.5), array.at(NaN), array.at(), array.at(null), array.at(-Infinity), array.at(true)]);
