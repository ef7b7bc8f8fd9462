// default and destructured parameters of async functions
async function f(a, b = a * 2, { c = 'c', ...rest } = {}) { return [a, b, c, rest, await Promise.resolve(arguments.length)]; }
const g = async ([x, y = 'y'] = [], ...more) => [x, y, more];
module.exports = async function () {
  return [await f(1), await f(1, 5, { c: 3, d: 4 }), await g(), await g(['X'], 1, 2), f.length, g.length];
};
