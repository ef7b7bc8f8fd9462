// finally waits for a promise its callback returns.
var order = [];
Promise.resolve(1).finally(function () {
    return new Promise(function (resolve) {
        Promise.resolve().then(function () { order.push('inner'); resolve(); });
    });
}).then(function (value) {
    order.push('after ' + value);
    report(order);
});
