// await in computed keys, values, shorthand methods and spread of an object literal
const later = (v) => Promise.resolve(v);
module.exports = async function () {
  const log = [];
  const key = async (k) => { log.push('key ' + k); return k; };
  const value = async (v) => { log.push('value ' + v); return v; };
  const o = {
    [await key('a')]: await value(1),
    b: await value(2),
    [`c${await later(3)}`]: 'c',
    ...(await later({ d: 4 })),
    ['e']: [await value(5), await value(6)],
  };
  return [o, log];
};
