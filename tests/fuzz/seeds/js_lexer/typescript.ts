import type { Config } from './config';
@Component({ selector: 'app', template: `<p>${'x'}</p>` })
export abstract class Store<T extends object = {}> implements Iterable<T> {
  private readonly items: Array<Map<string, number>> = new Map<string, Array<number>>() as any;
  protected abstract load(): Promise<T[]>;
  declare value!: string;
  constructor(public name?: string) { super(); }
  *[Symbol.iterator](): Iterator<T> { yield* this.items as unknown as T[]; }
}
export enum Direction { Up = 1, Down, Left = 'left' }
export interface Point<T> { readonly x: T; y?: T; [key: string]: unknown }
type Mapped<T> = { readonly [K in keyof T]?: T[K] extends infer U ? U : never };
declare module 'x' { export const y: number; }
namespace NS { export type Id = string | number; }
const ident = <T,>(x: T): T => x;
const cfg = { a: 1 } satisfies Config;
const n = value!.length! / 2, m = <number>other, k = x as const;
function isString(v: unknown): v is string { return typeof v === 'string'; }
let tuple: [a: string, b?: number, ...rest: boolean[]] = ['a'];
let shift = a >> 2 >>> 1, cmp = a >= b, generic: Promise<Array<Set<number>>>= null!;
