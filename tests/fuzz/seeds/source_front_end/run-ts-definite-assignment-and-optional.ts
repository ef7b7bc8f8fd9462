let x!: number;
x = 4;
function f(a?: number, b: number = 1): number { return (a ?? 10) + b; }
export default () => [x, f(), f(1, 2)];