interface P { a: number; b?: string }
type N = number;
export default function (p: Partial<P>): N { const q: P = { a: 2, ...p }; const x = <number>q.a; const y = q.a as number; return x! + (y satisfies number); }