// description is an accessor on Symbol.prototype that throws for other receivers.
var descriptor = Object.getOwnPropertyDescriptor(Symbol.prototype, 'description');
report([typeof descriptor.get, descriptor.set, descriptor.enumerable, descriptor.configurable]);
try {
    descriptor.get.call('not a symbol');
    report('no error');
} catch (error) {
    report(error.name);
}
