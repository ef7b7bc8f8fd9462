// exceptions in async functions become rejections, caught by awaiting callers
async function throwsSync() { throw new RangeError('sync part'); }
async function throwsLater() { await null; throw new TypeError('after await'); }
module.exports = async function () {
  const out = [];
  const p = throwsSync();
  out.push(p instanceof Promise);
  try { await p; } catch (e) { out.push(e.name + ': ' + e.message); }
  try { await throwsLater(); } catch (e) { out.push(e.name + ': ' + e.message); }
  out.push(await throwsLater().catch((e) => 'caught ' + e.message));
  const settled = await Promise.all([throwsSync().then(() => 'ok', () => 'no'), Promise.resolve('yes')]);
  out.push(settled);
  return out;
};
