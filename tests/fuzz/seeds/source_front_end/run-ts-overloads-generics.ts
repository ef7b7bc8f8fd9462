function pick(a: string): string;
function pick(a: number): number;
function pick(a: any) { return a; }
const id = <T,>(x: T): T => x;
class Box<T> { constructor(public value: T) {} map<U>(f: (t: T) => U): Box<U> { return new Box<U>(f(this.value)); } }
export default () => [pick('a'), id<number>(2), new Box(3).map<string>((n) => `n${n}`).value, new Map<string, number>([['k', 1]]).get('k')];