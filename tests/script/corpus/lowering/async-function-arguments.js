// an async function's own arguments, length and name
async function sum() {
  let total = 0;
  for (let i = 0; i < arguments.length; i++) total += await arguments[i];
  return total;
}
async function named(a, b) { return [arguments.length, a, b]; }
const expr = async function inner(x) { return typeof inner + x; };
module.exports = async function () {
  return [await sum(1, Promise.resolve(2), 3), await named(1), await expr('!'), sum.name, named.length, expr.name];
};
