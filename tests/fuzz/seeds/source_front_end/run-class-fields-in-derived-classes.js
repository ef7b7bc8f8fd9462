class Base { constructor() { this.fromBase = this.describe(); } describe() { return 'base'; } }
class D extends Base { field = 'f'; constructor(k) { super(); this.k = k; } describe() { return 'derived:' + this.field; } }
class E extends Base { g = 2; }
export default () => [new D(1), new E()];