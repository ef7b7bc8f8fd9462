// allSettled of nothing fulfils with an empty array.
Promise.allSettled([]).then(function (results) { report(results); });
