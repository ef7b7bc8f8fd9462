export const a = 1, { b } = { b: 2 };
export function f() { return a + b; }
export class K {}
export { f as default, a as aa };