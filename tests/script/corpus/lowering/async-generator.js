// authdesk-load-error: async-generator.js:3:1: async generator functions are not supported by Qt 6.4's JavaScript engine
// async generators: Qt 6.4 has no async iteration; refused at load with the position
async function* pages() { yield 1; yield 2; }
module.exports = async function () {
  const out = [];
  const it = pages();
  out.push((await it.next()).value);
  return out;
};
