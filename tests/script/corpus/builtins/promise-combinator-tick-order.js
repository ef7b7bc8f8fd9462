// allSettled, any and finally settle in the same microtask as the native ones.
var log = [];
function tick(label) { log.push(label); }
Promise.allSettled([1]).then(function () { tick('allSettled'); });
Promise.any([1]).then(function () { tick('any'); });
Promise.resolve().finally(function () { tick('finally callback'); }).then(function () { tick('after finally'); });
Promise.resolve().then(function () { tick('t1'); }).then(function () { tick('t2'); }).then(function () { tick('t3'); })
    .then(function () { tick('t4'); }).then(function () { tick('t5'); }).then(function () { report(log); });
