// interfaces, type aliases, generics in them, declaration merging: nothing left at run time
interface Base { id: string }
interface User extends Base { name: string; tags?: readonly string[]; [key: string]: unknown }
interface User { extra?: number }
type Mapper<T, U = T> = (value: T) => U;
type Keys = keyof User;
type Conditional<T> = T extends string ? 'str' : 'other';
type Template = `prefix-${string}`;
export interface Exported { a: 1 }
export type ExportedAlias = Exported | null;
const map: Mapper<number, string> = (n) => String(n * 2);
const key: Keys = 'name';
const c: Conditional<string> = 'str';
const t: Template = 'prefix-ok';
export default function test(): unknown {
  const u: User = { id: '1', name: 'ada', tags: ['x'] };
  return [map(21), key, c, t, u];
}
