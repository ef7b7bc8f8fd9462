// static private fields and methods, and private instance state set up from static code
class Registry {
  static #count = 0;
  static #items = new Map();
  #id;
  constructor(name) { this.#id = Registry.#next(); Registry.#items.set(this.#id, name); }
  static #next() { return ++Registry.#count; }
  static get size() { return this.#items.size; }
  static lookup(id) { return Registry.#items.get(id); }
  get id() { return this.#id; }
  static reset() { this.#count = 0; Registry.#items.clear(); return this.#count; }
}
module.exports = function () {
  const a = new Registry('a');
  const b = new Registry('b');
  const result = [a.id, b.id, Registry.size, Registry.lookup(2)];
  result.push(Registry.reset(), Registry.size, Object.keys(Registry));
  return result;
};
