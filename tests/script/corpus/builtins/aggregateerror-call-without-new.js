// AggregateError can be called without new; errors can be any iterable.
var error = AggregateError(new Set(['a', 'b']));
report([error instanceof AggregateError, error.errors, error.message, Object.prototype.hasOwnProperty.call(error, 'message')]);
