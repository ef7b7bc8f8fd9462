// object rest after defaults, renames, string and numeric keys, and computed keys
module.exports = function () {
  const key = 'dyn';
  const { a = 'default', b: renamed = 'rd', 'quoted-key': quoted, 1: one, [key]: dynamic, ...rest } = {
    b: undefined, 'quoted-key': 'q', 1: 'one', dyn: 'd', extra: true, 2: 'two',
  };
  return [a, renamed, quoted, one, dynamic, rest];
};
