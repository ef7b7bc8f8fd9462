// type predicates, assertion functions, this types and function overload-like generics
interface Cat { meow(): string }
function isCat(x: unknown): x is Cat { return typeof x === 'object' && x !== null && 'meow' in x; }
function assertString(v: unknown, name: string): asserts v is string { if (typeof v !== 'string') throw new TypeError(name); }
class Builder { private parts: string[] = []; add(p: string): this { this.parts.push(p); return this; } build(this: Builder): string { return this.parts.join('-'); } }
export default function test(): unknown {
  const pet: unknown = { meow: () => 'meow' };
  const out: unknown[] = [isCat(pet) ? pet.meow() : 'not a cat', isCat(5)];
  try { assertString(5, 'five'); } catch (e) { out.push((e as Error).message); }
  out.push(new Builder().add('a').add('b').build());
  return out;
}
