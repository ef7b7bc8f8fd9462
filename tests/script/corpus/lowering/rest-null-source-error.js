// destructuring null with an object rest throws a TypeError
module.exports = function () {
  const out = [];
  try { const { a, ...r } = null; out.push(a, r); } catch (e) { out.push(e.name); }
  try { const { ...r } = undefined; out.push(r); } catch (e) { out.push(e.name); }
  const { ...fromString } = 'ab';
  const { length, ...fromArray } = ['p', 'q'];
  out.push(fromString, length, fromArray);
  return out;
};
