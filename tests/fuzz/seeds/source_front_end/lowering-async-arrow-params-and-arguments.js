// async arrows with default parameters, with and without the arguments of the function around
function outer() {
  const withDefault = async (a = arguments[0], { b } = { b: 'bd' }) => [a, b];
  const plain = async (x, y) => [x, y, arguments.length];
  return Promise.all([withDefault(), withDefault('A', { b: 'B' }), plain(1, 2)]);
}
const failing = async ({ required }) => required;
module.exports = async function () {
  const results = await outer('outer-arg', 'second');
  let p;
  let sync = 'no sync throw';
  try { p = failing(); } catch (e) { sync = 'threw synchronously'; }
  const rejection = await p.catch((e) => e.name);
  return [results, sync, rejection, failing.length];
};
