// authdesk-load-error: async-for-await.js:5:3: `for await` is not supported by Qt 6.4's JavaScript engine; await the promises in a plain loop
// for await: refused at load with the position (await the promises in a plain loop instead)
module.exports = async function () {
  const out = [];
  for await (const v of [Promise.resolve(1), 2]) out.push(v);
  return out;
};
