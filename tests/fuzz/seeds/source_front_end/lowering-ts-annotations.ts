// type annotations on variables, parameters, returns, destructuring, arrows and catch clauses
type Id = string | number;
let count: number = 0;
const names: string[] = ['a'], pairs: Array<[string, number]> = [['x', 1]];
function describe(id: Id, flags?: { verbose: boolean }): string { return `${typeof id}:${flags?.verbose ?? false}`; }
const arrow = (a: number, b = 2): number => a * b;
const { x, y }: { x: number; y: number } = { x: 1, y: 2 };
function fnType(cb: (value: number, index?: number) => void): void { cb(1); }
export default function test(): unknown {
  let seen: number[] = [];
  fnType((v: number) => { seen.push(v); });
  try { throw new Error('typed'); } catch (e: unknown) { count = (e as Error).message.length; }
  return [count, names, pairs, describe(1), describe('a', { verbose: true }), arrow(3), x + y, seen];
}
