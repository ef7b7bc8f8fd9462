// allSettled reports every outcome, in input order.
Promise.allSettled([Promise.resolve(1), Promise.reject(new Error('no')), 3, new Promise(function (resolve) { resolve('later'); })])
    .then(function (results) { report(results); });
