// fields of a subclass are initialized right after super() returns, even inside expressions
class Base {
  constructor(x) { this.x = x; this.seenByBase = this.field; }
  describe() { return 'base'; }
}
class Derived extends Base {
  field = 'f:' + this.x;
  other = this.describe();
  constructor(x) {
    const before = typeof x;
    super(x * 2);
    this.after = [before, this.field];
  }
  describe() { return 'derived ' + this.x; }
}
class Conditional extends Base {
  flag = 'set';
  constructor(useA) {
    if (useA) super('a'); else super('b');
  }
}
class Implicit extends Derived { extra = this.field + '+'; }
module.exports = function () {
  return [new Derived(1), new Conditional(true), new Conditional(false), new Implicit(5)];
};
