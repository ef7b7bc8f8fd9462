// Each result is a plain object with status and value or reason as own enumerable properties.
Promise.allSettled([1, Promise.reject(2)]).then(function (results) {
    report(results.map(function (r) { return [Object.keys(r), Object.getPrototypeOf(r) === Object.prototype]; }));
    report(Array.isArray(results));
});
