// A non-iterable argument rejects the returned promise (it does not throw).
var promise;
try {
    promise = Promise.allSettled(5);
    report('returned a promise: ' + (promise instanceof Promise));
} catch (error) {
    report('threw');
}
promise.then(function () { report('fulfilled'); }, function (error) { report(error.name); });
