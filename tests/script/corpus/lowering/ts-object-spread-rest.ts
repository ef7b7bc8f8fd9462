// object spread and rest in typed code: parameters, returns and generic helpers
interface Options { url: string; method?: string; headers?: Record<string, string>; [k: string]: unknown }
function request({ url, method = 'GET', ...rest }: Options): [string, string, object] { return [url, method, rest]; }
const withAuth = <T extends object>(o: T, token: string): T & { headers: object } => ({ ...o, headers: { Authorization: `Bearer ${token}` } });
export default function test(): unknown {
  const { headers, ...others } = withAuth({ url: '/x', extra: 1 }, 'tok');
  return [request({ url: '/a' }), request({ url: '/b', method: 'POST', timeout: 5 }), headers, others];
}
