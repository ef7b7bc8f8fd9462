// each class has its own private names, also with the same spelling in a subclass
class Base {
  #secret = 'base';
  baseSecret() { return this.#secret; }
  static readBase(o) { return o.#secret; }
}
class Derived extends Base {
  #secret = 'derived';
  derivedSecret() { return this.#secret; }
  both() { return [this.baseSecret(), this.#secret, Base.readBase(this)]; }
}
module.exports = function () {
  const d = new Derived();
  let error = null;
  try { Base.readBase({}); } catch (e) { error = e.constructor.name; }
  return [d.baseSecret(), d.derivedSecret(), d.both(), error, Object.keys(d)];
};
