module.exports = function (args) {
  function* pages() { yield [1, 2]; yield [3]; }
  var all = [];
  for (var page of pages()) all = all.concat(page);
  var [first, ...others] = all;
  var { a, b: { c = 5 } = {} } = { a: 1 };
  return [all, first, others, a, c, args.base.slice(0, 7)];
};
