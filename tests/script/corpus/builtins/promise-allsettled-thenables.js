// Thenables are adopted.
var fulfilling = { then: function (resolve) { resolve('thenable value'); } };
var rejecting = { then: function (resolve, reject) { reject('thenable reason'); } };
Promise.allSettled([fulfilling, rejecting]).then(function (results) { report(results); });
