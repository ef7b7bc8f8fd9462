// finally passes a rejection through; throwing in the callback replaces the reason.
Promise.reject('reason').finally(function () { report('cleanup'); }).catch(function (reason) { report(reason); });
Promise.resolve('value').finally(function () { throw 'override'; }).catch(function (reason) { report(reason); });
Promise.reject('first').finally(function () { return Promise.reject('second'); }).catch(function (reason) { report(reason); });
