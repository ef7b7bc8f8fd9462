// arrow functions with return types, in conditionals, object literals and as arguments
type Fn = (n: number) => number;
const pick = (flag: boolean): Fn => flag ? (n: number): number => n + 1 : (n): number => n - 1;
const obj = { run: (x: number): string => `run ${x}`, async later(): Promise<number> { return 1; } };
export default async function test(): Promise<unknown> {
  const mapped = [1, 2].map((n: number): number[] => [n, n]);
  const cond = true ? (x: number): boolean => x > 0 : null;
  return [pick(true)(1), pick(false)(1), obj.run(2), await obj.later(), mapped, cond!(1)];
}
