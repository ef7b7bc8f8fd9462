// await followed by a line break still awaits its operand (the lowered `yield` would end there)
const value = (v) => Promise.resolve(v);
module.exports = async function () {
  const r = [];
  r.push(await
    value('next line'));
  r.push([await value(1), await
    value(2), await /* a comment
    spanning lines */ value(3)]);
  r.push(await
    await
      value('twice'));
  const sum = await
    value(4) + 1;
  r.push(sum);
  return r;
};
