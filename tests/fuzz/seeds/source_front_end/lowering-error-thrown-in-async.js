// error-line: 9
// an Error thrown after awaits, in a nested async helper, keeps its name, message and line
async function step(n) {
  await new Promise((resolve) => setTimeout(resolve, 1));
  return n;
}
async function fail(reason) {
  await step(1);
  throw new RangeError(`failed: ${reason}`);
}
module.exports = async function () {
  const { x = 'x', ...others } = { y: 1 };
  await fail(x + Object.keys(others));
};
