// fields are defined, not assigned: a base class setter is not called, the field shadows it
class Base {
  set value(v) { this.setterCalls = (this.setterCalls || 0) + 1; }
  get value() { return 'from getter'; }
}
class Child extends Base { value = 'field'; }
class Frozen { constructor() { Object.defineProperty(this, 'locked', { value: 1, writable: false, configurable: true }); } }
class Redefines extends Frozen { locked = 2; }
module.exports = function () {
  const c = new Child();
  const d = Object.getOwnPropertyDescriptor(c, 'value');
  return [c.value, c.setterCalls, d.writable, d.enumerable, d.configurable, new Redefines().locked];
};
