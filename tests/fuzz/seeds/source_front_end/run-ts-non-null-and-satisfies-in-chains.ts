const m: Record<string, { v?: number }> = { a: { v: 1 } };
export default () => m['a']!.v! + (m.a satisfies object ? 1 : 0);