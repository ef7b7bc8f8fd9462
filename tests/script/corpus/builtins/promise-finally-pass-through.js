// finally runs its callback without arguments and passes the value through.
Promise.resolve('value').finally(function () {
    report(['finally', arguments.length]);
    return 'ignored';
}).then(function (value) { report(value); });
