// async instance and static methods of classes, with this, super and getters calling them
class Base {
  constructor() { this.calls = []; }
  async load(id) { this.calls.push('base ' + id); return { id }; }
  static async create(...args) { const o = new this(...args); await o.init(); return o; }
  async init() { this.ready = true; }
}
class Client extends Base {
  constructor(name) { super(); this.name = name; }
  async load(id) {
    const base = await super.load(id);
    this.calls.push('client ' + id);
    return { ...base, by: this.name };
  }
  get pending() { return this.load('getter'); }
  static async make() { return super.create('made'); }
}
module.exports = async function () {
  const c = await Client.make();
  const r = await c.load(1);
  const g = await c.pending;
  return [c.ready, c.name, r, g, c.calls, c instanceof Client];
};
