// a class declared in a loop body has new private names on each evaluation; default-exported classes are named
module.exports = function () {
  const made = [];
  for (let i = 0; i < 2; i++) {
    class Box {
      #v = i;
      static read(o) { try { return o.#v; } catch (e) { return e.constructor.name; } }
    }
    made.push(Box);
  }
  const [A, B] = made;
  const a = new A();
  const b = new B();
  return [A.read(a), B.read(b), A.read(b), B.read(a), A === B];
};
