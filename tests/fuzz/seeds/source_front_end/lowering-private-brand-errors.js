// using a private name on an object without it is a TypeError with Node's message
class A {
  #x = 1;
  #m() { return 'm'; }
  get #g() { return 'g'; }
  static #s = 2;
  static #sm() {}
  static read(o) { return o.#x; }
  static write(o) { o.#x = 5; }
  static call(o) { return o.#m(); }
  static getter(o) { return o.#g; }
  static setGetter(o) { o.#g = 1; }
  static setMethod(o) { o.#m = 1; }
  static staticRead(o) { return o.#s; }
  static staticCall(o) { return o.#sm(); }
}
module.exports = function () {
  const out = [];
  const attempt = (f) => { try { out.push(f()); } catch (e) { out.push(e.name + ': ' + e.message); } };
  attempt(() => A.read({}));
  attempt(() => A.write({}));
  attempt(() => A.call({}));
  attempt(() => A.getter({}));
  attempt(() => A.setGetter(new A()));
  attempt(() => A.setMethod(new A()));
  attempt(() => A.staticRead({}));
  attempt(() => A.staticCall({}));
  attempt(() => A.read(new A()));
  return out;
};
