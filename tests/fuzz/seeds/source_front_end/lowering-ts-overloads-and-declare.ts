// overload signatures, declare statements, declare global and ambient functions produce no code
declare const BUILD_ID: string | undefined;
declare function ambient(x: number): void;
declare module 'something-else' { export const x: number; }
declare global { interface Window { custom: string } }
function parse(value: string): number;
function parse(value: number): string;
function parse(value: string | number): string | number {
  return typeof value === 'string' ? Number(value) : String(value);
}
class Api {
  get(path: string): string;
  get(path: string, id: number): string;
  get(path: string, id?: number): string { return id === undefined ? path : `${path}/${id}`; }
}
export default function test(): unknown {
  return [parse('42'), parse(7), new Api().get('users'), new Api().get('users', 3), typeof BUILD_ID === 'undefined'];
}
