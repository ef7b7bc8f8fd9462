class A { static s = 5; static t = this.s * 2; static { this.u = A.t + 1; } }
const B = class { static a = 1; static b = this.a + 1; };
export default () => [A.s, A.t, A.u, B.a, B.b];