// append and set need two arguments, get one.
var params = new URLSearchParams();
[function () { params.append('a'); }, function () { params.set(); }, function () { params.get(); }].forEach(function (call) {
    try {
        call();
        report('no error');
    } catch (error) {
        report(error.name);
    }
});
