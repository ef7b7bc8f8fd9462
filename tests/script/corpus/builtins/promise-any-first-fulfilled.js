// any fulfils with the first fulfilled value, ignoring rejections.
Promise.any([Promise.reject('a'), Promise.resolve().then(function () { return 'second'; }), Promise.resolve('first')])
    .then(function (value) { report(value); });
