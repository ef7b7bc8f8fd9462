// instance fields: order, this and earlier fields, per-instance initializers, no initializer
let counter = 0;
class Thing {
  id = ++counter;
  name = 'thing' + this.id;
  tags = [];
  empty;
  upper = this.name.toUpperCase();
  'quoted-name' = 'q';
  42 = 'numeric';
}
module.exports = function () {
  const a = new Thing();
  const b = new Thing();
  a.tags.push('only a');
  return [a, b, 'empty' in a, Object.keys(a), a.tags === b.tags];
};
