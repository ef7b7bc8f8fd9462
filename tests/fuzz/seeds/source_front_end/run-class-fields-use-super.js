class B { static s() { return 'static'; } m() { return 'm'; } }
class C extends B { static t = super.s(); f = super.m(); }
export default () => [C.t, new C().f];