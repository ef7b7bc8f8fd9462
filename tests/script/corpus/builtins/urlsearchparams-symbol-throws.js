// Names and values that are symbols cannot be converted: a TypeError.
var params = new URLSearchParams();
[function () { params.append(Symbol('n'), 'v'); }, function () { params.set('n', Symbol('v')); },
    function () { new URLSearchParams([[Symbol('p'), 'v']]); }].forEach(function (call) {
    try {
        call();
        report('no error');
    } catch (error) {
        report(error.name);
    }
});
