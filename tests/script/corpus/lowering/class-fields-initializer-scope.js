// field initializers see the class scope: other classes, closures, new.target is undefined
const factor = 10;
class Scoped {
  scaled = factor * 2;
  fn = function () { return this === undefined ? 'strict undefined' : typeof this; };
  target = typeof new.target;
}
function argumentsHolder() { return new (class { captured = () => 'ok'; })().captured(); }
module.exports = function () {
  const s = new Scoped();
  return [s.scaled, s.fn(), s.fn.call(1), s.target, argumentsHolder()];
};
