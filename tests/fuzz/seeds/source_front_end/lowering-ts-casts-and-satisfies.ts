// as, satisfies, as const, angle-bracket casts and double casts
const config = { retries: 3, mode: 'fast' } as const;
const palette = { red: [255, 0, 0], green: '#0f0' } satisfies Record<string, string | number[]>;
const raw: unknown = '{"a":1}';
export default function test(): unknown {
  const parsed = JSON.parse(raw as string) as { a: number };
  const n = <number>(<unknown>'5');
  const chained = (((parsed as any).a as number) satisfies number) + 1;
  const inCall = Math.max(...([1, 2] as number[]));
  return [config.retries, palette.green, parsed.a, n, chained, inCall, (palette.red as number[]).length];
}
