// private names in class expressions, classes made in a function, and nested classes
function makeCounter(start) {
  return class {
    #n = start;
    next() { return this.#n++; }
  };
}
const Outer = class {
  #tag = 'outer';
  inner() {
    const outer = this;
    return new (class {
      #tag = 'inner';
      read() { try { return [this.#tag, outer.#tag]; } catch (e) { return [this.#tag, e.name + ': ' + e.message]; } }
    })().read();
  }
};
module.exports = function () {
  const A = makeCounter(10);
  const B = makeCounter(20);
  const a = new A();
  const b = new B();
  return [a.next(), a.next(), b.next(), new Outer().inner()];
};
