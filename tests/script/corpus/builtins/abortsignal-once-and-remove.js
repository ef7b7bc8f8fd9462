// Listeners: once, removeEventListener, duplicates ignored, handleEvent objects.
var controller = new AbortController();
var signal = controller.signal;
var log = [];
function listener() { log.push('listener'); }
signal.addEventListener('abort', listener);
signal.addEventListener('abort', listener);
var removed = function () { log.push('removed'); };
signal.addEventListener('abort', removed);
signal.removeEventListener('abort', removed);
signal.addEventListener('abort', { handleEvent: function (event) { log.push('handleEvent ' + event.type); } });
signal.addEventListener('abort', function () { log.push('once'); }, { once: true });
controller.abort();
report(log);
