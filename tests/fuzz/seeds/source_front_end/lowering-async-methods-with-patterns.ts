// async methods and functions with destructured, defaulted and typed parameters
interface Req { path: string; query?: Record<string, string> }
class Api {
  constructor(private base: string) {}
  async get({ path, query = {} }: Req, retries: number = 1): Promise<string> {
    const q = Object.entries(query).map(([k, v]) => `${k}=${v}`).join('&');
    return `${this.base}${path}${q ? '?' + q : ''}#${retries}`;
  }
  static async all(api: Api, ...reqs: Req[]): Promise<string[]> { return Promise.all(reqs.map((r) => api.get(r))); }
}
export default async function test(): Promise<unknown> {
  const api = new Api('http://x');
  let rejected = '';
  try { await api.get(undefined as unknown as Req); } catch (e) { rejected = (e as Error).name; }
  return [await api.get({ path: '/a' }), await Api.all(api, { path: '/b', query: { q: '1' } }, { path: '/c' }), rejected, api.get.length];
}
