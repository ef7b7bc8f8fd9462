// numeric separators in every literal form; strings keep their underscores
module.exports = function () {
  return [
    1_000_000, 1_0.5_0, .0_1, 1e1_0, 0xFF_FF, 0b1010_1010, 0o7_7_7, 1_2e-2,
    Number('1_000'), parseInt('1_000', 10), '1_000', (1_000).toString(), 9_007_199_254_740_991 === Number.MAX_SAFE_INTEGER,
  ];
};
