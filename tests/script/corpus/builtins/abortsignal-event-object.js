// The abort event: type, target, currentTarget, trusted, an Event.
var controller = new AbortController();
var seen;
controller.signal.addEventListener('abort', function (event) {
    seen = [event.type, event.target === controller.signal, event.currentTarget === controller.signal, event.isTrusted,
        event instanceof Event, event.bubbles, event.cancelable, this === controller.signal];
});
controller.abort();
report(seen);
report(Object.prototype.toString.call(controller.signal));
report(Object.prototype.toString.call(controller));
