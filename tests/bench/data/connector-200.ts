// A 200-line TypeScript connector module in the style of real connector code (types, interfaces,
// generics, async functions, classes with fields, object spread and rest, ES module exports), used by
// bench_script_invocation to measure the first load: source front end plus compilation.
import { ConnectionError } from '@membranehq/sdk';

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  expires_in?: number | string;
  scope?: string;
  token_type?: string;
  [key: string]: unknown;
}

interface ConnectorParameters {
  clientId: string;
  clientSecret?: string;
  tokenUri: string;
  apiBaseUri?: string;
}

interface Credentials extends Partial<TokenResponse> {
  expires_at?: number;
  userId?: string;
  userName?: string;
}

interface MethodArguments<TInput = Record<string, unknown>> {
  connectorParameters: ConnectorParameters;
  connectionParameters?: TInput;
  credentials?: Credentials;
  queryParameters?: Record<string, string>;
  redirectUri?: string;
  codeVerifier?: string;
}

export interface RequestOptions {
  method?: HttpMethod;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  retries?: number;
}

const DEFAULT_SCOPES: readonly string[] = ['openid', 'profile', 'email', 'offline_access'];
const RETRYABLE_STATUS = new Set<number>([429, 500, 502, 503, 504]);

export function joinUrl(base: string, path: string): string {
  const left = base.endsWith('/') ? base.slice(0, -1) : base;
  const right = path.startsWith('/') ? path : `/${path}`;
  return `${left}${right}`;
}

export function buildQuery(query: RequestOptions['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function normaliseScopes(scopes?: string | string[] | null): string[] {
  if (!scopes) return [...DEFAULT_SCOPES];
  const list = Array.isArray(scopes) ? scopes : scopes.split(/[\s,]+/);
  return Array.from(new Set(list.map((s) => s.trim()).filter(Boolean)));
}

export function expiresAt(response: TokenResponse, now: number = Date.now()): number | undefined {
  const seconds = typeof response.expires_in === 'string' ? Number(response.expires_in) : response.expires_in;
  return seconds && Number.isFinite(seconds) ? now + seconds * 1000 : undefined;
}

function decodeJwtPayload<T extends object>(token: string): T | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

class RateLimiter {
  private readonly capacity: number;
  private tokens: number;
  private history: number[] = [];
  static instances = 0;

  constructor(capacity = 10) {
    this.capacity = capacity;
    this.tokens = capacity;
    RateLimiter.instances++;
  }

  take(now: number): boolean {
    this.history = this.history.filter((t) => now - t < 1000);
    if (this.history.length >= this.capacity) return false;
    this.history.push(now);
    this.tokens = this.capacity - this.history.length;
    return true;
  }

  get remaining(): number {
    return this.tokens;
  }
}

export class ApiError extends Error {
  status: number;
  body: unknown;
  constructor(message: string, status: number, body?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

class Client {
  private limiter = new RateLimiter(5);
  readonly baseUri: string;
  private readonly defaultHeaders: Record<string, string>;

  constructor(baseUri: string, private readonly accessToken?: string) {
    this.baseUri = baseUri;
    this.defaultHeaders = { Accept: 'application/json', ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}) };
  }

  async request<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
    const { method = 'GET', headers = {}, query, body, retries = 2 } = options;
    const url = joinUrl(this.baseUri, path) + buildQuery(query);
    let attempt = 0;
    while (true) {
      if (!this.limiter.take(Date.now())) await new Promise((resolve) => setTimeout(resolve, 10));
      const response = await fetch(url, {
        method,
        headers: { ...this.defaultHeaders, ...headers, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (response.ok) return (await response.json()) as T;
      if (RETRYABLE_STATUS.has(response.status) && attempt++ < retries) continue;
      const text = await response.text();
      if (response.status === 401) throw new ConnectionError({ message: 'Access token expired', data: { text } });
      throw new ApiError(`Request failed: ${method} ${path} -> ${response.status}`, response.status, text);
    }
  }
}

export async function getTokenData({ connectorParameters, codeVerifier, queryParameters, redirectUri }: MethodArguments) {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: queryParameters?.code ?? '',
    redirect_uri: redirectUri ?? '',
    client_id: connectorParameters.clientId,
    ...(connectorParameters.clientSecret ? { client_secret: connectorParameters.clientSecret } : {}),
    ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
  });
  const response = await fetch(connectorParameters.tokenUri, { method: 'POST', body: form });
  const data = (await response.json()) as TokenResponse;
  if (!response.ok) throw new ApiError(String(data.error_description ?? data.error), response.status, data);
  return { ...data, expires_at: expiresAt(data) };
}

export async function getCredentialsFromTokenResponse({ tokenResponse }: { tokenResponse: TokenResponse }) {
  const { access_token, refresh_token, ...rest } = tokenResponse;
  const claims = decodeJwtPayload<{ sub?: string; name?: string }>(String(rest.id_token ?? ''));
  return { access_token, refresh_token, userId: claims?.sub, userName: claims?.name, scope: normaliseScopes(rest.scope as string).join(' ') };
}

export async function refreshCredentials({ connectorParameters, credentials }: MethodArguments): Promise<Credentials> {
  if (!credentials?.refresh_token) throw new ConnectionError({ message: 'No refresh token' });
  const response = await fetch(connectorParameters.tokenUri, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credentials.refresh_token, client_id: connectorParameters.clientId }),
  });
  const data = (await response.json()) as TokenResponse;
  return { access_token: data.access_token, refresh_token: data.refresh_token || credentials.refresh_token, expires_at: expiresAt(data) };
}

export async function makeApiClient({ connectorParameters, credentials }: MethodArguments) {
  return {
    baseUri: connectorParameters.apiBaseUri ?? 'https://api.example.com',
    headers: { Authorization: `Bearer ${credentials?.access_token}` },
  };
}

export async function test(args: { n?: number }): Promise<{ ok: boolean; scopes: string[]; url: string }> {
  const scopes = normaliseScopes('openid, email api:read');
  const url = joinUrl('https://api.example.com/', `/users/${args.n ?? 0}`) + buildQuery({ limit: 10, cursor: undefined });
  const client = new Client('https://api.example.com', 'x');
  return { ok: client.baseUri.length > 0 && RateLimiter.instances === 1, scopes, url };
}
