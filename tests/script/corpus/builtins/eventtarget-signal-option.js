// addEventListener's signal option removes the listener when that signal aborts.
var target = new EventTarget();
var remover = new AbortController();
var log = [];
target.addEventListener('ping', function () { log.push('removable'); }, { signal: remover.signal });
target.addEventListener('ping', function () { log.push('stays'); });
target.dispatchEvent(new Event('ping'));
remover.abort();
target.dispatchEvent(new Event('ping'));
target.addEventListener('ping', function () { log.push('never added'); }, { signal: remover.signal });
target.dispatchEvent(new Event('ping'));
report(log);
