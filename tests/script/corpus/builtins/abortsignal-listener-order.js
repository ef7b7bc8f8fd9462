// onabort runs where it was first set among the listeners.
var controller = new AbortController();
var signal = controller.signal;
var log = [];
signal.addEventListener('abort', function () { log.push('listener 1'); });
signal.onabort = function () { log.push('onabort (replaced)'); };
signal.addEventListener('abort', function () { log.push('listener 2'); });
signal.onabort = function (event) { log.push('onabort ' + event.type); };
controller.abort();
report(log);
report(typeof signal.onabort);
