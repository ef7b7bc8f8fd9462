// exported const/let/function/class declarations in a .js ES module, with destructuring
export const a = 1, { b, c: [d] } = { b: 2, c: [3] };
export let mutable = 'before';
export function test() { mutable = 'changed in test'; return [a, b, d, mutable, new K().k]; }
export class K { k = 'class field'; }
mutable = 'after';
