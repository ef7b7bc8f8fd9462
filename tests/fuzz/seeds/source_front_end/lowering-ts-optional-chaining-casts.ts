// optional chaining mixed with non-null assertions and casts
interface Resp { data?: { items?: Array<{ id: number }> } }
export default function test(): unknown {
  const r: Resp = { data: { items: [{ id: 1 }] } };
  const empty: Resp = {};
  return [
    r.data?.items?.[0]?.id, empty.data?.items?.[0]?.id, r.data!.items![0]!.id, (r as Resp).data?.items?.length,
    (empty.data as Resp['data'])?.items ?? 'none', r.data?.items!.map((i) => i.id),
  ];
}
