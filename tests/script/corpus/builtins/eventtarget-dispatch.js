// EventTarget and Event: dispatchEvent, preventDefault and stopImmediatePropagation.
var target = new EventTarget();
var log = [];
target.addEventListener('ping', function (event) { log.push('first ' + event.type); event.preventDefault(); });
target.addEventListener('ping', function (event) { log.push('second'); event.stopImmediatePropagation(); });
target.addEventListener('ping', function () { log.push('third'); });
report(target.dispatchEvent(new Event('ping', { cancelable: true })));
report(target.dispatchEvent(new Event('ping')));
report(log);
report(target.dispatchEvent(new Event('nobody-listens')));
