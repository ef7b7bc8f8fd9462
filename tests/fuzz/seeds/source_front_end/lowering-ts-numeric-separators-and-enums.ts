// numeric separators in TypeScript enums, constants and types
enum Limits { Small = 1_000, Large = 1_000_000, Mask = 0xFF_FF }
const timeout: number = 30_000;
type Big = 9_999;
export default function test(): unknown {
  const b: Big = 9_999;
  return [Limits.Small, Limits.Large, Limits.Mask, Limits[1_000], timeout, b];
}
