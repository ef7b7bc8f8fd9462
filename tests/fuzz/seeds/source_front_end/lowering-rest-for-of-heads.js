// object rest in for-of and for-in heads, with const, let and an existing variable
module.exports = function () {
  const out = [];
  const rows = [{ id: 1, a: 'x' }, { id: 2, b: 'y' }];
  for (const { id, ...fields } of rows) out.push([id, fields]);
  for (let { id, ...fields } of rows) { fields.changed = true; out.push(fields); }
  let rest;
  for ({ id: out[out.length], ...rest } of rows) out.push(rest);
  for (const [k, { ...copy }] of Object.entries({ p: { q: 1 } })) out.push([k, copy]);
  return out;
};
