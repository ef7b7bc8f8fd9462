// async methods of object literals: this, shorthand, computed names, arrows inside
const key = 'computed';
const api = {
  base: 'v1',
  async get(path) { return this.base + '/' + (await Promise.resolve(path)); },
  async [key]() { return 'c:' + (await this.get('x')); },
  async 'quoted name'() { return 'q'; },
  nested: { async deep() { return this === api.nested; } },
  async all() { return Promise.all(['a', 'b'].map(async (p) => this.get(p))); },
};
module.exports = async function () {
  return [await api.get('p'), await api.computed(), await api['quoted name'](), await api.nested.deep(), await api.all(), typeof api.get(''), api.get.name];
};
