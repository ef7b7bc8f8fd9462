// queueMicrotask jobs run in order with promise jobs, after the synchronous code.
var log = [];
queueMicrotask(function () { log.push('micro 1'); });
Promise.resolve().then(function () { log.push('promise'); });
queueMicrotask(function () {
    log.push('micro 2');
    queueMicrotask(function () { log.push('nested'); report(log); });
});
log.push('sync');
