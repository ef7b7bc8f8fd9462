class B { m(x) { return 'B' + x; } get g() { return 'G'; } }
class C extends B { async m(x) { await 0; return super.m(x) + super.g + super['m']('y'); } }
const o = { v: 1, async get() { return this.v + (await 1); } };
export default async () => [await new C().m('x'), await o.get()];