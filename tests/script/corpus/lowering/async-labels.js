// labeled loops with break and continue across awaits
module.exports = async function () {
  const out = [];
  outer: for (const a of [1, 2, 3]) {
    inner: for (const b of ['x', 'y', 'z']) {
      await 0;
      if (b === 'y' && a === 1) continue outer;
      if (b === 'z') continue inner;
      if (a === 3) break outer;
      out.push(a + b);
    }
    out.push('end ' + a);
  }
  block: {
    await 0;
    if (out.length) break block;
    out.push('unreachable');
  }
  return out;
};
