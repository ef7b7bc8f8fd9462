// logical assignment to this.x and super-free members in classes
class Memo {
  constructor() { this.values = null; }
  all() { return (this.values ??= [1, 2, 3]); }
  reset(flag) { this.values &&= flag ? [] : this.values; return this.values; }
}
module.exports = function () {
  const m = new Memo();
  const first = m.all();
  return [first === m.all(), m.reset(true), m.reset(false), new Memo().reset(true)];
};
