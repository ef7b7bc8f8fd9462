// DOMException: name, message, legacy code, an Error.
var error = new DOMException('went wrong', 'NotFoundError');
report([error.name, error.message, error.code, error instanceof Error, String(error)]);
var plain = new DOMException();
report([plain.name, plain.message, plain.code]);
report([DOMException.INVALID_CHARACTER_ERR, DOMException.ABORT_ERR, new DOMException('x', 'AbortError').code, new DOMException('x', 'Custom').code]);
report([Object.keys(error), Object.prototype.hasOwnProperty.call(error, 'message')]);
