// logical assignment and optional values with private fields
class Lazy {
  #value = null;
  #count = 0;
  #flag = 1;
  get value() { return (this.#value ??= this.#compute()); }
  #compute() { this.#count++; return 'computed'; }
  get count() { return this.#count; }
  toggle() { this.#flag &&= 0; this.#flag ||= 'reset'; return this.#flag; }
}
module.exports = function () {
  const l = new Lazy();
  return [l.value, l.value, l.count, l.toggle()];
};
