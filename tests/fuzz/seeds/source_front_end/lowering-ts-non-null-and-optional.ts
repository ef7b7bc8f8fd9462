// non-null assertions, optional parameters and properties, definite assignment
interface Node { value: number; next?: Node }
let initialized!: string;
function len(s?: string, fallback: number = -1): number { return s?.length ?? fallback; }
export default function test(): unknown {
  initialized = 'now';
  const list: Node = { value: 1, next: { value: 2 } };
  const second = list.next!.value;
  const map = new Map<string, number>([['k', 7]]);
  const got = map.get('k')!;
  const arr: (number | undefined)[] = [1];
  const first = arr[0]! + 1;
  const fn: ((x: number) => number) | undefined = (x) => x * 3;
  return [initialized, second, got, first, fn!(2), len(), len('abc'), len(undefined, 0)];
}
