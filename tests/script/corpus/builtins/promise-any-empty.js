// any of nothing rejects with an AggregateError without errors.
Promise.any([]).then(function () { report('fulfilled'); }, function (error) {
    report([error.name, error.message, error.errors]);
});
