// catch without a binding, in functions, loops, nested try and with finally
module.exports = function () {
  const out = [];
  try { JSON.parse('{'); } catch { out.push('bad json'); }
  for (const s of ['1', 'x', '{}']) {
    try { out.push(JSON.parse(s)); } catch { out.push('skip ' + s); continue; } finally { out.push('finally ' + s); }
  }
  try { try { throw 1; } catch { throw 2; } } catch (e) { out.push('rethrown ' + e); }
  const safe = (f) => { try { return f(); } catch { return 'fallback'; } };
  out.push(safe(() => null.x), safe(() => 'ok'));
  return out;
};
