// Object.hasOwn tells own properties from inherited ones.
var parent = { inherited: 1 };
var child = Object.create(parent);
child.own = undefined;
report([Object.hasOwn(child, 'own'), Object.hasOwn(child, 'inherited'), Object.hasOwn(child, 'missing')]);
report([Object.hasOwn([5], 0), Object.hasOwn([5], '0'), Object.hasOwn([5], 'length'), Object.hasOwn('abc', 'length'), Object.hasOwn('abc', 1)]);
report(Object.hasOwn(Object.create(null, { x: { value: 1 } }), 'x'));
