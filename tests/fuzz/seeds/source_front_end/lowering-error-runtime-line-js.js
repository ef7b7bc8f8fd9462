// error-line: 8
// a runtime exception reports the original line after lowered code above it
const { a, ...rest } = { a: 1, b: 2 };
const merged = { ...rest, c: 3 };
function raise(error) { throw error; }
module.exports = async function () {
  await null;
  const value = merged.missing ?? raise(new TypeError('missing in ' + Object.keys(merged)));
  return value;
};
