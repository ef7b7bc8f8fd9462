// TypeScript async functions with annotations, generics and a Promise return type
interface Page<T> { items: T[]; next?: string }
async function fetchPage<T>(items: T[], next?: string): Promise<Page<T>> {
  return { items, next };
}
const collect = async <T,>(pages: Array<Page<T>>): Promise<T[]> => {
  const all: T[] = [];
  for (const page of pages) all.push(...(await fetchPage<T>(page.items)).items);
  return all;
};
export default async function test(args: { base: string }): Promise<unknown> {
  const first = await fetchPage<number>([1, 2], 'cursor');
  const merged = await collect<number>([first, { items: [3] }]);
  return { first, merged, hasBase: typeof args.base === 'string' };
}
