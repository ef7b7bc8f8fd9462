const pick = (c: boolean) => c ? (a: number): number => a * 2 : (a: number): number => a;
export default () => [pick(true)(3), pick(false)(3)];