// abort(reason) keeps the reason; a second abort changes nothing.
var controller = new AbortController();
var events = 0;
controller.signal.addEventListener('abort', function () { events++; });
controller.abort('first');
controller.abort('second');
report([controller.signal.reason, events]);
var other = new AbortController();
other.abort(new Error('custom'));
report(other.signal.reason);
