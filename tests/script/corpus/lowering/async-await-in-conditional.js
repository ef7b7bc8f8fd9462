// await in every operand of the conditional operator, and as its test
const later = (v) => Promise.resolve(v);
module.exports = async function () {
  const out = [];
  for (const flag of [true, false]) {
    out.push(flag ? await later('yes') : await later('no'));
    out.push((await later(flag)) ? 'then' : 'else');
    out.push(await later(flag) ? await later(1) : await later(2));
    out.push(!flag || await later('rhs'));
    out.push(flag && (await later(0)) || 'fallback');
  }
  return out;
};
