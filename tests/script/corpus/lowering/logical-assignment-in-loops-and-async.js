// logical assignment inside loops, with computed keys built from loop variables, and after awaits
module.exports = async function () {
  const groups = {};
  for (const word of ['apple', 'avocado', 'banana', 'blueberry', 'cherry']) {
    (groups[word[0]] ??= []).push(word);
  }
  const counts = {};
  for (const k of ['x', 'y', 'x']) {
    counts[k] ||= 0;
    counts[k] += await Promise.resolve(1);
  }
  let flag = true;
  for (let i = 0; i < 3; i++) flag &&= i < 2;
  return [groups, counts, flag];
};
