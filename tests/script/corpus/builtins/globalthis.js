// globalThis is the global object.
report(typeof globalThis);
report(globalThis === Function('return this')());
report(globalThis.globalThis === globalThis);
var descriptor = Object.getOwnPropertyDescriptor(globalThis, 'globalThis');
report([descriptor.writable, descriptor.enumerable, descriptor.configurable]);
var declared = 'visible';
report(globalThis.declared);
