// The depth is converted with ToIntegerOrInfinity; zero and negative depths copy without flattening.
var nested = [1, [2, [3]]];
report(nested.flat(0));
report(nested.flat(-1));
report(nested.flat('2'));
report(nested.flat(NaN));
report(nested.flat(1.9));
report(nested.flat(undefined));
report(nested.flat(null));
