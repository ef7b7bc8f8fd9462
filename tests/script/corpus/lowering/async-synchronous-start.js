// an async function runs synchronously up to its first await; continuations run as microtasks
module.exports = async function () {
  const log = [];
  async function f(name) {
    log.push(name + ' start');
    await null;
    log.push(name + ' resumed');
    return name;
  }
  const p = f('one');
  log.push('after call');
  const q = f('two');
  Promise.resolve().then(() => log.push('microtask'));
  setTimeout(() => log.push('timeout'), 0);
  await p;
  await q;
  log.push('awaited both');
  await new Promise((r) => setTimeout(r, 5));
  return log;
};
