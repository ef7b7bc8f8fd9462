// generic calls f<T>(x) and new C<T>() next to comparisons a < b > c that are not type arguments
function identity<T>(value: T): T { return value; }
class Box<T> { constructor(public value: T) {} map<U>(f: (v: T) => U): Box<U> { return new Box<U>(f(this.value)); } }
export default function test(): unknown {
  const a = 1, b = 2, c = 3;
  const comparisons = [a < b, b > c, (a < b) > false, a < b === true];
  const calls = [identity<number>(5), identity<string>('s'), new Box<number>(2).map<string>((n) => 'n' + n).value];
  const arrow = <T,>(x: T): T[] => [x];
  const generic = identity<Array<Map<string, number>>>([new Map()]).length;
  const lessThan = a < c;
  const shifted = c >> 1, unsigned = c >>> 1;
  return [comparisons, calls, arrow<number>(1), generic, lessThan, shifted, unsigned];
}
