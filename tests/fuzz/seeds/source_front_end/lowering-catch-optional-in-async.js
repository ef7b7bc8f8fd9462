// catch without a binding inside an async function, around awaits
module.exports = async function () {
  const out = [];
  try { await Promise.reject(new Error('x')); } catch { out.push('caught rejection'); }
  try { out.push(await Promise.resolve('fine')); } catch { out.push('not here'); }
  const _e = 'user variable named like the lowering';
  try { throw 1; } catch { out.push(_e); }
  return out;
};
