class A { constructor() { this.v = 4; } async m(x) { await null; return [this.v, x, arguments.length]; } }
function F() { this.v = 5; this.f = async () => { await 0; return this.v; }; }
export default async () => [await new A().m(1, 2), await new F().f()];