// Entries become own data properties: '__proto__' does not set the prototype.
var object = Object.fromEntries([['__proto__', { polluted: true }], ['a', 1]]);
report(Object.getPrototypeOf(object) === Object.prototype);
report(Object.keys(object));
report(object.polluted);
report(Object.getOwnPropertyDescriptor(object, 'a'));
