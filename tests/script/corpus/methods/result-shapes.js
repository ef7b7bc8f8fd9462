module.exports = function () {
  return { n: 1.5, s: 'x', b: false, nil: null, undef: undefined, list: [undefined, function () {}, NaN],
           date: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), nested: { toJSON: function () { return 'custom'; } } };
};
