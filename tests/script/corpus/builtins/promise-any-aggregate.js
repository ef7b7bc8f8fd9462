// When every promise rejects, any rejects with an AggregateError of the reasons, in input order.
var late = Promise.resolve().then(function () { throw new TypeError('late'); });
Promise.any([late, Promise.reject('early'), Promise.reject(3)]).then(function () {
    report('fulfilled');
}, function (error) {
    report(error);
    report([error instanceof AggregateError, error instanceof Error, error.name, error.message]);
    report(Object.prototype.toString.call(error));
    report(Object.getOwnPropertyDescriptor(error, 'errors').enumerable);
});
