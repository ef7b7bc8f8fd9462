#!/usr/bin/env node
// A real OAuth 2.0 / OpenID Connect authorization server (oidc-provider) on 127.0.0.1 for Authdesk's
// tests and benchmarks. Nothing leaves the loopback interface.
//
//   node server.mjs [--port N] [--access-ttl SECONDS] [--refresh-ttl SECONDS] [--code-ttl SECONDS]
//                   [--redirect-uri URI]... [--refresh-tokens always|offline_access]
//                   [--lenient-client-auth] [--no-stdin]
//
// When it is ready it prints ONE JSON line on stdout:
//   {"issuer": "http://127.0.0.1:PORT", "port": PORT, "pid": ..., "accessTokenTtl": ...,
//    "endpoints": {"discovery", "authorization", "token", "revocation", "introspection", "userinfo",
//                  "jwks", "api", "apiRead"},
//    "clients": {"basic-client": {"client_id", "client_secret", "token_endpoint_auth_method",
//                "redirect_uris"}, "post-client": {...}, "public-client": {...}},
//    "scopes": [...]}
// and serves until stdin closes (the parent went away) or SIGTERM/SIGINT. Everything else (oidc-provider
// notices, one line per request with secrets left out) goes to stderr.
//
// Environment equivalents (argv wins): AUTHSERVER_PORT, AUTHSERVER_ACCESS_TTL, AUTHSERVER_REFRESH_TTL,
// AUTHSERVER_CODE_TTL, AUTHSERVER_REDIRECT_URIS (space separated), AUTHSERVER_REFRESH_TOKENS,
// AUTHSERVER_LENIENT_CLIENT_AUTH=1.
//
// What the configuration is for (oauth-standards-and-qt.md §0 and §A):
// - three native clients: `basic-client` (client_secret_basic), `post-client` (client_secret_post) and
//   `public-client` (none). The secrets contain `+ / = &` so that encoding bugs become invalid_client.
//   Any port is accepted on the registered loopback redirect URIs (RFC 8252 §7.3; oidc-provider does
//   this for application_type native), the path must match exactly.
// - PKCE required for every client, S256 only (RFC 7636, RFC 9700 §2.1.1).
// - `iss` in every authorization response, success and error (RFC 9207); advertised in discovery.
// - refresh tokens rotate on every refresh; reusing an old one is invalid_grant and revokes the grant.
// - a code is single-use; replaying it is invalid_grant and revokes the tokens issued for it.
// - revocation (RFC 7009) and introspection (RFC 7662).
// - strict client authentication: a client registered for Basic must use Basic, a client registered
//   for the body must use the body, a public client sends no secret at all (oidc-provider alone accepts
//   Basic and body for both secret methods, and an empty client_secret= from a public client).
// - `GET /api/whoami` (any valid access token) and `GET /api/read` (needs the `api:read` scope) with
//   `Authorization: Bearer` are a small protected API for connector tests: 200 {sub, client_id, scope,
//   exp}; 401 with `WWW-Authenticate: Bearer error="invalid_token"` for an expired, revoked or unknown
//   token; 403 `insufficient_scope`.
import { randomBytes, generateKeyPair, generateKeyPairSync } from 'node:crypto';
import * as http from 'node:http';
import * as querystring from 'node:querystring';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

// The RSA signing key takes a while to generate: it runs on the thread pool while oidc-provider loads.
const rsaKey = promisify(generateKeyPair)('rsa', { modulusLength: 2048 }).then(({ privateKey }) => privateKey);
const { default: Provider, errors } = await import('oidc-provider');

export const API_RESOURCE = 'urn:authdesk:test-api';
export const API_SCOPE = 'api:read';

// The client secrets deliberately hold every character a form encoder must escape.
export const CLIENTS = {
  'basic-client': { secret: 'b4sic+secret/with=reserved&chars', method: 'client_secret_basic' },
  'post-client': { secret: 'p0st+secret/with=reserved&chars', method: 'client_secret_post' },
  'public-client': { secret: undefined, method: 'none' },
};

const DEFAULT_REDIRECT_PATHS = ['/callback', '/oauth2/callback'];

function defaultRedirectUris() {
  const uris = [];
  for (const host of ['127.0.0.1', '[::1]', 'localhost']) {
    for (const path of DEFAULT_REDIRECT_PATHS) uris.push(`http://${host}${path}`);
  }
  return uris;
}

function parseArguments(argv, env) {
  const options = {
    port: Number(env.AUTHSERVER_PORT ?? 0),
    accessTtl: Number(env.AUTHSERVER_ACCESS_TTL ?? 300),
    refreshTtl: Number(env.AUTHSERVER_REFRESH_TTL ?? 86400),
    codeTtl: Number(env.AUTHSERVER_CODE_TTL ?? 60),
    redirectUris: (env.AUTHSERVER_REDIRECT_URIS ?? '').split(/\s+/).filter(Boolean),
    refreshTokens: env.AUTHSERVER_REFRESH_TOKENS ?? 'always',
    lenientClientAuth: env.AUTHSERVER_LENIENT_CLIENT_AUTH === '1',
    watchStdin: true,
  };
  for (let i = 0; i < argv.length; ++i) {
    const argument = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${argument} needs a value`);
      return argv[++i];
    };
    switch (argument) {
      case '--port': options.port = Number(value()); break;
      case '--access-ttl': options.accessTtl = Number(value()); break;
      case '--refresh-ttl': options.refreshTtl = Number(value()); break;
      case '--code-ttl': options.codeTtl = Number(value()); break;
      case '--redirect-uri': options.redirectUris.push(value()); break;
      case '--refresh-tokens': options.refreshTokens = value(); break;
      case '--lenient-client-auth': options.lenientClientAuth = true; break;
      case '--no-stdin': options.watchStdin = false; break;
      default: throw new Error(`unknown argument ${argument}`);
    }
  }
  for (const name of ['port', 'accessTtl', 'refreshTtl', 'codeTtl']) {
    if (!Number.isInteger(options[name]) || options[name] < 0 || (name !== 'port' && options[name] === 0)) {
      throw new Error(`${name} must be a positive integer`);
    }
  }
  if (!['always', 'offline_access'].includes(options.refreshTokens)) {
    throw new Error('--refresh-tokens is always or offline_access');
  }
  return options;
}

// One line per request on stderr. Only the method, the path and the names of the form/query fields:
// never their values (codes, tokens, secrets).
function logRequest(ctx, started) {
  const names = Object.keys(ctx.query ?? {});
  const query = names.length ? `?${names.join('&')}` : '';
  process.stderr.write(`authserver: ${ctx.method} ${ctx.path}${query} -> ${ctx.status} (${(performance.now() - started).toFixed(1)} ms)\n`);
}

// oidc-provider 8 treats client_secret_basic and client_secret_post as interchangeable for a client
// registered with either. A real server may not (Ory Hydra, ...), and the tests must notice a client
// that sends its credentials in the wrong place, so the registered method is enforced here.
// The form body is read once and handed on as a string (oidc-provider accepts a pre-read body).
const CLIENT_AUTH_PATHS = new Set(['/token', '/token/revocation', '/token/introspection']);

const BODY_LIMIT = 56 * 1024; // oidc-provider's own limit

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw Object.assign(new Error('request body too large'), { status: 413, expose: true });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function basicClientId(header) {
  const [scheme, value] = header.split(' ');
  if (scheme?.toLowerCase() !== 'basic' || !value) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, '%20'));
  } catch {
    return undefined;
  }
}

function strictClientAuth(ctx) {
  const form = ctx.req.body === undefined ? {} : querystring.parse(ctx.req.body);
  const authorization = ctx.get('authorization');
  const id = authorization ? basicClientId(authorization) : form.client_id;
  const client = CLIENTS[Array.isArray(id) ? id[0] : id];
  if (!client) return undefined; // oidc-provider answers unknown or malformed clients itself
  if (client.method === 'client_secret_basic' && form.client_secret !== undefined) {
    return 'client_secret_basic is registered for this client, but client_secret was sent in the body';
  }
  if (client.method === 'client_secret_post' && authorization) {
    return 'client_secret_post is registered for this client, but an Authorization header was sent';
  }
  // oidc-provider takes an empty client_secret= from a public client as no secret; real servers
  // (Microsoft Entra, ...) reject any secret from a public client.
  if (client.method === 'none' && (form.client_secret !== undefined || authorization)) {
    return 'this is a public client (none): no client_secret and no Authorization header';
  }
  return undefined;
}

function rejectClient(ctx, description) {
  ctx.status = 401;
  ctx.set('Cache-Control', 'no-store');
  ctx.set('WWW-Authenticate', 'Basic realm="authdesk-test"');
  ctx.type = 'application/json';
  ctx.body = { error: 'invalid_client', error_description: description };
}

// The development views import a web font from fonts.googleapis.com; a test browser must stay on
// loopback, so the import is removed from every page.
function stripExternalResources(ctx) {
  if (typeof ctx.body === 'string' && ctx.response.is('html')) {
    ctx.body = ctx.body.replace(/@import url\(https?:[^)]*\);?/g, '');
  }
}

async function protectedApi(provider, ctx) {
  ctx.set('Cache-Control', 'no-store');
  const match = /^Bearer ([^\s]+)$/i.exec(ctx.get('authorization'));
  const token = match ? await provider.AccessToken.find(match[1]) : undefined;
  if (!token || !token.isValid) {
    ctx.status = 401;
    ctx.set('WWW-Authenticate', match
      ? 'Bearer realm="authdesk-test", error="invalid_token", error_description="the access token is invalid, expired or revoked"'
      : 'Bearer realm="authdesk-test"');
    ctx.type = 'application/json';
    ctx.body = match ? { error: 'invalid_token' } : { error: 'unauthorized' };
    return;
  }
  if (ctx.path === '/api/read' && !token.scopes.has(API_SCOPE)) {
    ctx.status = 403;
    ctx.set('WWW-Authenticate', `Bearer realm="authdesk-test", error="insufficient_scope", scope="${API_SCOPE}"`);
    ctx.type = 'application/json';
    ctx.body = { error: 'insufficient_scope' };
    return;
  }
  ctx.type = 'application/json';
  ctx.body = {
    sub: token.accountId,
    client_id: token.clientId,
    scope: [...token.scopes].join(' '),
    exp: token.exp,
  };
}

async function configuration(options, redirectUris) {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const rsaPrivateKey = await rsaKey;
  return {
    clients: Object.entries(CLIENTS).map(([id, client]) => ({
      client_id: id,
      ...(client.secret === undefined ? {} : { client_secret: client.secret }),
      token_endpoint_auth_method: client.method,
      application_type: 'native',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: redirectUris,
    })),
    jwks: {
      keys: [
        { ...rsaPrivateKey.export({ format: 'jwk' }), kid: 'rs256', alg: 'RS256', use: 'sig' },
        { ...privateKey.export({ format: 'jwk' }), kid: 'es256', alg: 'ES256', use: 'sig' },
      ],
    },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    async findAccount(ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          return { sub, name: `Test user ${sub}`, email: `${sub}@example.test`, email_verified: true };
        },
      };
    },
    claims: {
      openid: ['sub'],
      profile: ['name'],
      email: ['email', 'email_verified'],
    },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    pkce: { methods: ['S256'], required: () => true },
    features: {
      devInteractions: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: true },
      userinfo: { enabled: true },
      // `api:read` is the scope of the test API. oidc-provider keeps non-OpenID scopes on a resource
      // server: when `api:read` is requested the access token is issued for that resource and the token
      // response's `scope` lists only `api:read`; otherwise it is a userinfo token with the OpenID scopes.
      resourceIndicators: {
        enabled: true,
        defaultResource(ctx, client, oneOf) {
          if (oneOf) return oneOf;
          const scope = ctx.oidc.params?.scope;
          return typeof scope === 'string' && scope.split(' ').includes(API_SCOPE) ? API_RESOURCE : undefined;
        },
        useGrantedResource: () => true,
        getResourceServerInfo(ctx, resourceIndicator) {
          if (resourceIndicator !== API_RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: API_SCOPE,
            audience: API_RESOURCE,
            accessTokenTTL: options.accessTtl,
            accessTokenFormat: 'opaque',
          };
        },
      },
    },
    // OpenID Connect only grants offline_access together with prompt=consent; the tests want a
    // refresh token from every code exchange unless --refresh-tokens offline_access is given.
    async issueRefreshToken(ctx, client, code) {
      if (!client.grantTypeAllowed('refresh_token')) return false;
      return options.refreshTokens === 'always' || code.scopes.has('offline_access');
    },
    rotateRefreshToken: true,
    expiresWithSession: async () => false,
    ttl: {
      AccessToken: options.accessTtl,
      AuthorizationCode: options.codeTtl,
      IdToken: 3600,
      RefreshToken: options.refreshTtl,
      Grant: Math.max(options.refreshTtl, 3600),
      Interaction: 600,
      Session: 3600,
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      const text = Object.entries(out).map(([key, value]) => `${key}: ${value}`).join('\n');
      ctx.body = `<!DOCTYPE html><title>Authorization error</title><pre>${text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</pre>`;
    },
  };
}

export async function startAuthorizationServer(options = {}) {
  const settings = { ...parseArguments([], {}), ...options };
  const redirectUris = [...new Set([...defaultRedirectUris(), ...settings.redirectUris])];

  const server = http.createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, await configuration(settings, redirectUris));
  provider.on('server_error', (ctx, error) => {
    process.stderr.write(`authserver: server_error ${error.stack ?? error}\n`);
  });

  provider.use(async (ctx, next) => {
    const started = performance.now();
    try {
      if ((ctx.path === '/api/whoami' || ctx.path === '/api/read') && ctx.method === 'GET') {
        await protectedApi(provider, ctx);
        return;
      }
      if (ctx.method === 'POST' && CLIENT_AUTH_PATHS.has(ctx.path) && ctx.is('application/x-www-form-urlencoded')) {
        ctx.req.body = await readBody(ctx.req);
        const problem = settings.lenientClientAuth ? undefined : strictClientAuth(ctx);
        if (problem) {
          rejectClient(ctx, problem);
          return;
        }
      }
      await next();
      stripExternalResources(ctx);
      if (ctx.path === '/.well-known/openid-configuration' && Array.isArray(ctx.body?.scopes_supported)) {
        ctx.body.scopes_supported.push(API_SCOPE); // a resource server scope, see resourceIndicators
      }
    } finally {
      logRequest(ctx, started);
    }
  });

  server.on('request', provider.callback());

  const clients = Object.fromEntries(Object.entries(CLIENTS).map(([id, client]) => [id, {
    client_id: id,
    ...(client.secret === undefined ? {} : { client_secret: client.secret }),
    token_endpoint_auth_method: client.method,
    redirect_uris: redirectUris,
  }]));
  const endpoints = {
    discovery: `${issuer}/.well-known/openid-configuration`,
    authorization: `${issuer}/auth`,
    token: `${issuer}/token`,
    revocation: `${issuer}/token/revocation`,
    introspection: `${issuer}/token/introspection`,
    userinfo: `${issuer}/me`,
    jwks: `${issuer}/jwks`,
    api: `${issuer}/api/whoami`,
    apiRead: `${issuer}/api/read`,
  };
  return {
    server,
    provider,
    info: {
      issuer, port, pid: process.pid, accessTokenTtl: settings.accessTtl, endpoints, clients,
      scopes: ['openid', 'offline_access', 'profile', 'email', API_SCOPE],
    },
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

async function main() {
  // oidc-provider prints notices with console.info (stdout); stdout is reserved for the ready line.
  console.info = console.error;
  console.log = console.error;
  let options;
  try {
    options = parseArguments(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`authserver: ${error.message}\n`);
    process.exit(2);
  }
  const { info, close } = await startAuthorizationServer(options);
  let stopping = false;
  const stop = async (why) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`authserver: stopping (${why})\n`);
    await close();
    process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  if (options.watchStdin) {
    process.stdin.on('end', () => stop('stdin closed'));
    process.stdin.on('error', () => stop('stdin error'));
    process.stdin.resume();
  }
  process.stdout.write(`${JSON.stringify(info)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    process.stderr.write(`authserver: ${error.stack ?? error}\n`);
    process.exit(1);
  });
}
