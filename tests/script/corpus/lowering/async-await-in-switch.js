// await in switch discriminants, case tests and case bodies with fall-through
module.exports = async function () {
  const out = [];
  for (const v of ['a', 'b', 'c', 'z']) {
    switch (await Promise.resolve(v)) {
      case await Promise.resolve('a'):
        out.push('A');
      case 'b':
        out.push('B or fell through ' + (await Promise.resolve(v)));
        break;
      case 'c': {
        await null;
        out.push('C');
        continue;
      }
      default:
        out.push('default');
    }
    out.push('end ' + v);
  }
  return out;
};
