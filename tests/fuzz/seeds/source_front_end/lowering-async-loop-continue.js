// continue and break in for loops whose bodies await
module.exports = async function () {
  const seen = [];
  for (let i = 0; i < 8; i++) {
    if (i % 2 === 0) continue;
    await null;
    if (i === 7) break;
    seen.push(i);
    if (await Promise.resolve(i > 4)) continue;
    seen.push('after ' + i);
  }
  let j = 0;
  for (; j < 3; j += await Promise.resolve(1)) seen.push('j' + j);
  return seen;
};
