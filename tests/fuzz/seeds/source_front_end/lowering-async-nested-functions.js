// async functions nested in sync functions nested in async functions, each with its own this/arguments
module.exports = async function outer() {
  const self = { id: 'self' };
  function syncInner() {
    const arrow = async () => [this.id, arguments[0]];
    return arrow;
  }
  const inner = syncInner.call(self, 'sync-arg');
  async function deeper(x) {
    const f = function () { return 'plain ' + x; };
    return [f(), await inner()];
  }
  return [await deeper('d'), arguments.length];
};
