// From a record: own enumerable string keys in order; values converted to strings.
var proto = { inherited: 'no' };
var init = Object.create(proto);
init.b = 2;
init.a = [1, 2];
init[10] = null;
init.u = undefined;
Object.defineProperty(init, 'hidden', { value: 'no', enumerable: false });
report(new URLSearchParams(init).toString());
