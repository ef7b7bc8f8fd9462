// private members used in async methods, arrows, callbacks and nested functions
class Loader {
  #cache = new Map();
  #calls = 0;
  async #fetch(key) { this.#calls++; await null; return key.toUpperCase(); }
  async get(key) {
    if (!this.#cache.has(key)) this.#cache.set(key, await this.#fetch(key));
    return this.#cache.get(key);
  }
  async many(keys) { return Promise.all(keys.map(async (k) => this.get(k))); }
  stats = () => ({ calls: this.#calls, size: this.#cache.size });
}
module.exports = async function () {
  const l = new Loader();
  const first = await l.many(['a', 'b', 'a']);
  const again = await l.get('b');
  return [first, again, l.stats()];
};
