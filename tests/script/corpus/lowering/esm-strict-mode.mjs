// ES modules are strict: this is undefined in functions and assigning an undeclared name throws
function whatIsThis() { return this; }
export default function test() {
  const out = [whatIsThis() === undefined];
  try { undeclaredVariable = 1; out.push('no error'); } catch (e) { out.push(e.name); }
  try { Object.freeze({ a: 1 }).a = 2; out.push('no error'); } catch (e) { out.push(e.name); }
  return out;
}
