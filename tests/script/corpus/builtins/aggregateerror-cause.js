// The options argument installs a cause.
var error = new AggregateError([], 'm', { cause: 'because' });
report([error.cause, Object.prototype.hasOwnProperty.call(error, 'cause')]);
report(Object.prototype.hasOwnProperty.call(new AggregateError([], 'm', {}), 'cause'));
