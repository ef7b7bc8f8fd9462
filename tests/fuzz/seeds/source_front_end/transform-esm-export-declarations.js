export const a = 1, { b } = c;
export function f() {}
export class K {}