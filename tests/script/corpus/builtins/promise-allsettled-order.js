// The results follow the input order, not the order of settling.
var slow = Promise.resolve().then(function () {}).then(function () {}).then(function () { return 'slow'; });
var fast = Promise.resolve('fast');
Promise.allSettled([slow, fast, Promise.reject('failed')]).then(function (results) {
    report(results.map(function (r) { return r.status + ':' + (r.value || r.reason); }));
});
