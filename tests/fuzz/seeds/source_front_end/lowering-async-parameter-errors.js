// a failing parameter initializer or destructuring rejects the promise of an async function
async function f({ required }) { return required; }
async function g(a = missing()) { return a; }
function missing() { throw new Error('no default'); }
module.exports = async function () {
  const out = [];
  let p;
  try { p = f(); out.push('returned ' + (p instanceof Promise)); } catch (e) { out.push('threw synchronously'); }
  try { await p; } catch (e) { out.push(e.name); }
  try { p = g(); out.push('returned ' + (p instanceof Promise)); } catch (e) { out.push('threw synchronously'); }
  try { await p; } catch (e) { out.push(e.message); }
  return out;
};
