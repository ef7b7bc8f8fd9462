// await binds tighter than binary operators and looser than member access and calls
const obj = { value: 3, async method() { return 10; }, factory() { return async () => 'inner'; } };
module.exports = async function () {
  const a = Promise.resolve(2);
  const r = [];
  r.push(await a + 1);
  r.push(await obj.method());
  r.push(await obj.factory()());
  r.push(-await a);
  r.push(typeof await a);
  r.push(!await Promise.resolve(false));
  r.push((await a) ** 2);
  r.push(await a * await a - await obj.value);
  r.push(await await Promise.resolve(Promise.resolve('double')));
  r.push(await new Promise((resolve) => resolve('constructed')));
  r.push(await (obj.value > 2 ? Promise.resolve('gt') : 'le'));
  r.push(await [1, 2].map((n) => n * 2).length);
  return r;
};
