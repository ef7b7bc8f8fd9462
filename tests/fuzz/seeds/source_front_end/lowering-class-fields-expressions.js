// fields in class expressions, nested classes and classes returned by functions
const make = (tag) => class { tag = tag; static kind = 'made ' + tag; };
const Outer = class Named {
  inner = new (class { depth = 2; })();
  self = Named.name;
  static count = 0;
};
module.exports = function () {
  const A = make('a');
  const B = make('b');
  return [new A().tag, A.kind, new B().tag, B.kind, new Outer(), Outer.count];
};
