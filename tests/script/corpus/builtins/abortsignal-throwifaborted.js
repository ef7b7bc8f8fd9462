// throwIfAborted throws the reason once aborted.
var controller = new AbortController();
controller.signal.throwIfAborted();
report('not aborted');
controller.abort('why');
try {
    controller.signal.throwIfAborted();
    report('no error');
} catch (reason) {
    report(reason);
}
