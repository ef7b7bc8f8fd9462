// AggregateError(errors, message): an Error with an errors array.
var error = new AggregateError([1, new Error('inner')], 'outer');
report(error);
report([error instanceof AggregateError, error instanceof Error, error.name, error.message, String(error)]);
report(Object.prototype.toString.call(error));
report([Object.keys(error), Object.getOwnPropertyDescriptor(error, 'message').enumerable]);
report(Object.getPrototypeOf(AggregateError) === Error);
report(AggregateError.prototype.name);
