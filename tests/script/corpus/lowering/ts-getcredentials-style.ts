// args: {"credentials": {"access_token": "tok", "expires_in": 3600}, "connectorParameters": {"scope": "repo"}}
// a connector-style method: typed arguments, destructuring with rest and defaults, spread in the result
import { createHash } from 'crypto';
interface TokenResponse { access_token: string; refresh_token?: string; expires_in?: number; [k: string]: unknown }
interface Args { credentials: TokenResponse; connectorParameters?: { scope?: string } }
export default async function test({ credentials, connectorParameters: { scope = 'default' } = {} }: Args) {
  const { access_token, expires_in = 0, ...rest } = credentials;
  if (!access_token) throw new Error('no token');
  const expiresAt = expires_in > 0 ? 'later' : undefined;
  return { accessToken: access_token, scope, ...(expiresAt && { expiresAt }), rest, digest: createHash('md5').update(access_token).digest('hex').length };
}
