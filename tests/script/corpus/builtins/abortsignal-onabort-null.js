// As in Node, onabort reads back what was assigned, and its listener keeps the place it got when the
// attribute was first set, even after null switched it off.
var controller = new AbortController();
var signal = controller.signal;
var log = [];
signal.addEventListener('abort', function () { log.push('A'); });
signal.onabort = function () { log.push('first handler'); };
signal.onabort = null;
report(signal.onabort);
signal.addEventListener('abort', function () { log.push('B'); });
signal.onabort = undefined;
report(signal.onabort);
signal.onabort = 'not a function';
report(signal.onabort);
signal.onabort = function () { log.push('last handler'); };
controller.abort();
report(log);
