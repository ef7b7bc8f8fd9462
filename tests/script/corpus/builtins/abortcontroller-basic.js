// abort() aborts the signal with an AbortError DOMException.
var controller = new AbortController();
var signal = controller.signal;
report([signal.aborted, signal.reason, controller.signal === signal]);
controller.abort();
report([signal.aborted, signal.reason instanceof DOMException, signal.reason.name, signal.reason.message, signal.reason.code]);
