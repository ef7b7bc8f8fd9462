// while and do-while loops with await in the condition and the body
module.exports = async function () {
  const queue = [3, 2, 1];
  const next = async () => queue.shift();
  const out = [];
  let item;
  while ((item = await next()) !== undefined) out.push(item);
  let n = 0;
  do {
    n = await Promise.resolve(n + 1);
    if (n === 2) continue;
    out.push('n' + n);
  } while (await Promise.resolve(n < 4));
  return out;
};
