// finally on a Promise subclass returns an instance of the subclass.
class Tracked extends Promise {}
var p = Tracked.resolve(1).finally(function () {});
report(p instanceof Tracked);
p.then(function (value) { report(value); });
