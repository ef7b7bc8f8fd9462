// class names stay what Node gives them when the lowering wraps class expressions
const A = class { static s = 1; };
let B;
B = class { x = 1; };
const C = class Named { static t = 2; };
const make = () => class { y = 2; };
class D { static e = 3; }
module.exports = function () {
  return [A.name, B.name, C.name, make().name, D.name, typeof C];
};
