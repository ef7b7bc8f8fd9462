// closures capture a fresh `let` binding per iteration, also across awaits
module.exports = async function () {
  const fns = [];
  for (let i = 0; i < 3; i++) {
    await null;
    fns.push(() => i);
    await Promise.resolve();
  }
  const later = [];
  for (let i = 0; i < 3; i++) later.push(new Promise((r) => setTimeout(() => r(i), 3 - i)));
  const vars = [];
  for (var k = 0; k < 3; k++) { await null; vars.push(() => k); }
  const ofs = [];
  for (const v of ['a', 'b']) { await null; ofs.push(async () => v + (await Promise.resolve('!'))); }
  return [fns.map((f) => f()), await Promise.all(later), vars.map((f) => f()), await Promise.all(ofs.map((f) => f()))];
};
