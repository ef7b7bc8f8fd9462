// An Event before and after dispatch.
var event = new Event('custom', { bubbles: true, cancelable: true });
report([event.type, event.bubbles, event.cancelable, event.defaultPrevented, event.isTrusted, event.target, event.eventPhase, typeof event.timeStamp]);
event.preventDefault();
report([event.defaultPrevented, event.returnValue]);
report([Event.NONE, Event.AT_TARGET, Object.prototype.toString.call(event)]);
try {
    new Event();
    report('no error');
} catch (error) {
    report(error.name);
}
