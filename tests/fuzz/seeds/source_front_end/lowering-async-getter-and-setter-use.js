// getters and setters that start async work and store the promise
class Cache {
  constructor() { this.store = {}; this.writes = []; }
  set value(v) { this.writes.push((async () => { await null; this.store.v = v; return 'stored ' + v; })()); }
  get value() { return (async () => { await Promise.all(this.writes); return this.store.v; })(); }
}
module.exports = async function () {
  const c = new Cache();
  c.value = 1;
  c.value = 2;
  const read = await c.value;
  return [read, await Promise.all(c.writes)];
};
