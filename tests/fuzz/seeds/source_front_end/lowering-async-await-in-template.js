// await inside template literals, nested templates and tagged templates
const later = (v) => new Promise((resolve) => setTimeout(() => resolve(v), 1));
const tag = (strings, ...values) => strings.raw.join('|') + '#' + values.join(',');
module.exports = async function () {
  const a = `x${await later(1)}y${await later('two')}z`;
  const b = `outer ${`inner ${await later(3)}`} ${(await later([4, 5])).length}`;
  const c = tag`p${await later('q')}r${await 6}`;
  return [a, b, c];
};
