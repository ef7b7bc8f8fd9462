// private methods, getters and setters; this inside them; methods called through other objects
class Temperature {
  #celsius = 0;
  #log = [];
  get #fahrenheit() { return this.#celsius * 9 / 5 + 32; }
  set #fahrenheit(f) { this.#record('set f'); this.#celsius = (f - 32) * 5 / 9; }
  #record(what) { this.#log.push(what); return this.#log.length; }
  #format(unit) { return `${unit === 'F' ? this.#fahrenheit : this.#celsius}${unit}`; }
  setF(f) { this.#fahrenheit = f; return this; }
  show(unit) { return this.#format(unit); }
  compare(other) { return other.#celsius - this.#celsius; }
  get log() { return this.#log; }
  callWithArgs(...args) { return this.#format(...args); }
}
module.exports = function () {
  const t = new Temperature().setF(212);
  const u = new Temperature();
  return [t.show('C'), t.show('F'), t.compare(u), t.log, t.callWithArgs('F'), typeof t.record, Object.getOwnPropertyNames(Temperature.prototype)];
};
