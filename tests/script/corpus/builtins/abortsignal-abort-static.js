// AbortSignal.abort() gives an already aborted signal.
var signal = AbortSignal.abort();
report([signal.aborted, signal.reason.name]);
report(AbortSignal.abort('given').reason);
report(signal instanceof AbortSignal && signal instanceof EventTarget);
