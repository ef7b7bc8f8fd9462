// await adopts thenables and plain values
module.exports = async function () {
  const log = [];
  const thenable = { then(resolve) { log.push('then called'); resolve('from thenable'); } };
  const rejecting = { then(_, reject) { reject(new Error('thenable rejected')); } };
  const a = await thenable;
  const b = await 42;
  let c;
  try { await rejecting; } catch (e) { c = e.message; }
  const d = await Promise.resolve(thenable);
  return [a, b, c, d, log];
};
