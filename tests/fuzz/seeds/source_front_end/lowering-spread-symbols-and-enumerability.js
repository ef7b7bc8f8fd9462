// spread copies own enumerable string and symbol keys, not inherited or non-enumerable ones
module.exports = function () {
  const sym = Symbol('s');
  const proto = { inherited: 1 };
  const source = Object.create(proto, {
    visible: { value: 'v', enumerable: true },
    hidden: { value: 'h', enumerable: false },
  });
  source[sym] = 'symbol value';
  const copy = { ...source };
  return [Object.keys(copy), copy[sym], 'inherited' in copy, 'hidden' in copy, Object.getOwnPropertySymbols(copy).length];
};
