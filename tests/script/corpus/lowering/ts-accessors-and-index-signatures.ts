// index signatures, optional methods, readonly arrays, tuples with names and unique symbols
const tag: unique symbol = Symbol('tag');
interface Dict { [key: string]: number; }
interface WithMethods { required(): string; optional?(): string }
type Point = [x: number, y?: number];
export default function test(): unknown {
  const d: Dict = { a: 1 };
  d['b'] = 2;
  const m: WithMethods = { required: () => 'r' };
  const p: Point = [1];
  const ro: readonly number[] = [1, 2];
  const o = { [tag]: 'tagged' };
  return [d, m.required(), m.optional?.() ?? 'no optional', p.length, ro.length, o[tag]];
}
