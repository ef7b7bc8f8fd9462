// object rest in function, arrow and method parameters, with defaults and other parameters
function f(first, { a, ...rest } = { a: 'da', z: 'dz' }, ...others) { return [first, a, rest, others]; }
const g = ({ x, ...more }) => [x, more];
const o = { m({ k, ...r }) { return [k, r, this === o]; } };
class C { constructor({ id, ...props }) { this.id = id; this.props = props; } }
module.exports = function () {
  return [f(1), f(1, { a: 2, b: 3 }, 4, 5), g({ x: 1, y: 2 }), o.m({ k: 1, l: 2 }), new C({ id: 9, n: 'name' }), f.length, g.length];
};
