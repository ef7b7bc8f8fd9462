// super property access inside async methods, also after an await and in arrows
class A {
  greet(x) { return 'A:' + x + ':' + this.tag; }
  get kind() { return 'a-kind'; }
  static label() { return 'A-label'; }
}
class B extends A {
  constructor() { super(); this.tag = 'b'; }
  async greet(x) {
    await null;
    const viaArrow = async () => super.greet('arrow');
    return [super.greet(x), super['greet']('computed'), await viaArrow(), super.kind];
  }
  static async label() { await null; return super.label() + '+B'; }
}
module.exports = async function () {
  return [await new B().greet('x'), await B.label()];
};
