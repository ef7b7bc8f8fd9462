// generic functions, classes and interfaces with constraints, defaults and keyof
interface Repo<T extends { id: number }, K extends keyof T = keyof T> { items: T[]; key: K }
function pluck<T, K extends keyof T>(items: T[], key: K): T[K][] { return items.map((i) => i[key]); }
class Store<T extends object = {}> {
  private data = new Map<string, T>();
  set<V extends T>(k: string, v: V): this { this.data.set(k, v); return this; }
  get size(): number { return this.data.size; }
}
const merge = <A extends object, B extends object>(a: A, b: B): A & B => ({ ...a, ...b });
export default function test(): unknown {
  const repo: Repo<{ id: number; name: string }> = { items: [{ id: 1, name: 'a' }], key: 'name' };
  return [pluck(repo.items, 'name'), new Store<{ x: number }>().set('k', { x: 1 }).size, merge({ a: 1 }, { b: 2 })];
}
