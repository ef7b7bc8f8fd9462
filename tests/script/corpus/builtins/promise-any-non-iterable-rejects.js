// A non-iterable argument rejects the returned promise.
Promise.any(undefined).then(function () { report('fulfilled'); }, function (error) { report(error.name); });
