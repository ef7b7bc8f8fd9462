const f = ({ a, ...rest }) => [a, rest];
function g(x, { b, ...r } = { b: 5, c: 6 }) { return [x, b, r]; }
export default () => [f({ a: 1, b: 2 }), g(0), g(1, { b: 2, d: 3 })];