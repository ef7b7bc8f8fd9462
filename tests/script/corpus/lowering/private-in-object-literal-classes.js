// classes with private names as object property values, in arrays and returned from arrows
const registry = {
  Counter: class { #n = 0; inc() { return ++this.#n; } },
  make: () => new (class { #id = 'anon'; get id() { return this.#id; } })(),
};
const list = [class { static #tag = 'first'; static tag() { return this.#tag; } }];
module.exports = function () {
  const c = new registry.Counter();
  c.inc();
  return [c.inc(), registry.make().id, list[0].tag(), registry.Counter.name, list[0].name];
};
