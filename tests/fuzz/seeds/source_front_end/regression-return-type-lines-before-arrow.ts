f = (a?: number,[]): 
idvo => {};
const g = (x: number): {
  a: number
} => ({ a: x });
export default () => g(1).a;
