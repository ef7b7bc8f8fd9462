// nested destructuring with rest at several levels, in arrays and objects
module.exports = function () {
  const data = { user: { name: 'ada', role: 'admin', meta: { a: 1, b: 2 } }, items: [{ id: 1, v: 'x' }, { id: 2 }], extra: 'e' };
  const { user: { name, meta: { a, ...metaRest }, ...userRest }, items: [{ id, ...item0 }, ...items], ...top } = data;
  return [name, a, metaRest, userRest, id, item0, items, top];
};
