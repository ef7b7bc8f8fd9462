// A non-callable argument makes finally a plain then.
Promise.resolve('kept').finally(undefined).then(function (value) { report(value); });
Promise.reject('still rejected').finally(42).catch(function (reason) { report(reason); });
