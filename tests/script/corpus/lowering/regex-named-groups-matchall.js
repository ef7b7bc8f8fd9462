// named groups through matchAll, with destructuring of each match
module.exports = function () {
  const text = 'id=1 name=ada id=2 name=bob';
  const pairs = [];
  for (const { groups: { key, value }, index } of text.matchAll(/(?<key>\w+)=(?<value>\w+)/g)) pairs.push([key, value, index]);
  const ids = Array.from(text.matchAll(/id=(?<id>\d)/g), (m) => Number(m.groups.id));
  return [pairs, ids];
};
