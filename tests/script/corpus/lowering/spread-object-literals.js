// object spread in literals: order, overrides, nesting, in arrays and calls
module.exports = function () {
  const base = { a: 1, b: 2 };
  const f = (o) => Object.keys(o).join('');
  return [
    { ...base },
    { ...base, b: 3 },
    { b: 0, ...base, c: 4 },
    { ...base, ...{ b: 'inner', d: { ...base } } },
    [{ ...base }, { x: 1, ...{ y: 2 } }],
    f({ z: 1, ...base }),
    { ...{ ...{ deep: true } } },
    { ...base, ...base, a: 'last' },
  ];
};
