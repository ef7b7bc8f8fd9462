// array patterns holding object rest, with holes and defaults, in parameters
const f = ([, { a, ...r } = { a: 'da', e: 1 }, ...tail]) => [a, r, tail];
module.exports = function () {
  return [f([0]), f([0, { a: 1, b: 2 }, 3, 4])];
};
