import { BadRequestError } from '@integration-app/sdk';

interface Credentials { access_token: string; realmId?: string }

const fallback = { credentials: { access_token: 'tok' }, extra: { 'X-Extra': '1' }, more: true };

export default async function test(args: { credentials?: Credentials; [k: string]: unknown }): Promise<object> {
  const { credentials, ...rest } = args.credentials ? args : fallback;
  const headers = { Authorization: `Bearer ${credentials.access_token}`, ...(rest.extra as object) };
  let realm = credentials.realmId;
  realm ??= 'default-realm';
  try {
    JSON.parse('{');
  } catch {
    return { headers, realm, error: new BadRequestError('bad').message, keys: Object.keys(rest) };
  }
  return {};
}