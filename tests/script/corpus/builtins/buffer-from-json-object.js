// From the object toJSON produced, and from objects with valueOf or Symbol.toPrimitive.
report(Buffer.from({ type: 'Buffer', data: [104, 105] }).toString());
report(Buffer.from(JSON.parse(JSON.stringify(Buffer.from('round')))).toString());
report(Buffer.from(new String('boxed')).toString());
var primitive = {};
primitive[Symbol.toPrimitive] = function () { return 'prim'; };
report(Buffer.from(primitive).toString());
