#!/usr/bin/env node
// A scripted "browser" for Authdesk's tests, usable as AUTHDESK_BROWSER (the URL is its LAST argument):
//
//   node browser.mjs [ignored arguments...] AUTHORIZE_URL
//
// It follows the authorization URL with fetch and a cookie jar, signs in on the authorization server's
// login page (oidc-provider devInteractions), grants or denies consent, and finally performs the GET on
// the loopback redirect URI (the app's reply handler) like a browser would. It prints what it does, and
// the callback page's status, to stderr. It exits 0 once the callback request has been answered, even
// when the page reports an error: the app decides what the outcome means.
//
// Environment:
//   AUTHDESK_TEST_LOGIN     the account to sign in as (default `alice`; becomes the `sub`)
//   AUTHDESK_TEST_PASSWORD  any password (default `secret`; devInteractions accept any)
//   AUTHDESK_TEST_CONSENT   `grant` (default) or `deny` (the server then redirects with error=access_denied)
//   AUTHDESK_TEST_BROWSER_TIMEOUT  milliseconds one request may take (default 30000)
//
// Exit codes: 0 the callback was delivered; 2 usage; 3 the flow broke off (a redirect to a host that
// is not loopback, an unexpected page, too many redirects, the callback could not be delivered).
//
// As a module: `runBrowser(url, options)` resolves to {callbackUrl, status, body} or rejects.
import { pathToFileURL } from 'node:url';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
const MAX_STEPS = 30;

export class BrowserError extends Error {}

// Enough of RFC 6265 for one authorization server: host-only cookies (ports do not separate cookies,
// as in real browsers), paths, deletion by Max-Age/Expires.
class CookieJar {
  #cookies = new Map(); // "host;path;name" -> {host, path, name, value}

  store(url, response) {
    const headers = response.headers;
    const lines = typeof headers.getSetCookie === 'function'
      ? headers.getSetCookie()
      : (headers.get('set-cookie') ?? '').split(/,(?=\s*[^;,=\s]+=)/).filter(Boolean);
    for (const line of lines) {
      const [pair, ...attributes] = line.split(';');
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      let path = url.pathname.replace(/\/[^/]*$/, '') || '/';
      let expired = false;
      for (const attribute of attributes) {
        const [key, ...rest] = attribute.split('=');
        const attributeValue = rest.join('=').trim();
        switch (key.trim().toLowerCase()) {
          case 'path': path = attributeValue || '/'; break;
          case 'max-age': expired ||= Number(attributeValue) <= 0; break;
          case 'expires': expired ||= Date.parse(attributeValue) <= Date.now(); break;
          default: break;
        }
      }
      const key = `${url.hostname};${path};${name}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { host: url.hostname, path, name, value });
    }
  }

  header(url) {
    const matching = [...this.#cookies.values()].filter((cookie) => cookie.host === url.hostname
      && (url.pathname === cookie.path || url.pathname.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`)));
    matching.sort((a, b) => b.path.length - a.path.length);
    return matching.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  }
}

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|#39);/gi, (entity, code) => {
    const lower = code.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? entity;
  });
}

function attribute(tag, name) {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? decodeEntities(match[2] ?? match[3] ?? match[4]) : undefined;
}

// The first form on the page: its action and its named inputs.
function parseForm(html, base) {
  const formTag = /<form\b[^>]*>/i.exec(html);
  if (!formTag) return undefined;
  const end = html.indexOf('</form>', formTag.index);
  const inner = html.slice(formTag.index, end < 0 ? undefined : end);
  const inputs = {};
  for (const [tag] of inner.matchAll(/<input\b[^>]*>/gi)) {
    const name = attribute(tag, 'name');
    if (name) inputs[name] = attribute(tag, 'value') ?? '';
  }
  return {
    action: new URL(attribute(formTag[0], 'action') ?? base.href, base),
    method: (attribute(formTag[0], 'method') ?? 'get').toUpperCase(),
    inputs,
  };
}

// The "[ Cancel ]" link of the devInteractions pages (GET /interaction/:uid/abort).
function abortLink(html, base) {
  for (const [tag] of html.matchAll(/<a\b[^>]*>/gi)) {
    const href = attribute(tag, 'href');
    if (href && /\/abort(\?|$)/.test(href)) return new URL(href, base);
  }
  return undefined;
}

function isLoopback(url) {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

export async function runBrowser(authorizeUrl, {
  login = process.env.AUTHDESK_TEST_LOGIN || 'alice',
  password = process.env.AUTHDESK_TEST_PASSWORD || 'secret',
  consent = process.env.AUTHDESK_TEST_CONSENT || 'grant',
  timeoutMs = Number(process.env.AUTHDESK_TEST_BROWSER_TIMEOUT || 30000),
  log = (line) => process.stderr.write(`browser: ${line}\n`),
} = {}) {
  if (!['grant', 'deny'].includes(consent)) throw new BrowserError(`AUTHDESK_TEST_CONSENT must be grant or deny, not ${consent}`);
  let url;
  try {
    url = new URL(authorizeUrl);
  } catch {
    throw new BrowserError(`not a URL: ${authorizeUrl}`);
  }
  if (!isLoopback(url)) throw new BrowserError(`refusing to open ${url.origin}: only loopback hosts are allowed`);
  // Everything on the authorization server's origin is navigated; the first request to another
  // origin is the redirect to the app's loopback reply handler.
  const serverOrigin = url.origin;
  const jar = new CookieJar();
  let request = { method: 'GET', url, body: undefined };

  for (let step = 0; step < MAX_STEPS; ++step) {
    const target = request.url;
    if (!isLoopback(target)) throw new BrowserError(`refusing to follow a redirect to ${target.origin}: only loopback hosts are allowed`);
    const headers = { accept: 'text/html,application/xhtml+xml', 'user-agent': 'authdesk-test-browser' };
    const cookie = jar.header(target);
    if (cookie) headers.cookie = cookie;
    if (request.body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';

    if (target.origin !== serverOrigin) {
      // The loopback redirect: deliver it like a browser and stop here.
      let response;
      try {
        response = await fetch(target, { method: 'GET', headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        throw new BrowserError(`the callback ${target.origin}${target.pathname} could not be delivered: ${error.cause?.message ?? error.message}`);
      }
      const body = await response.text();
      log(`callback ${target.origin}${target.pathname} -> ${response.status}`);
      return { callbackUrl: target, status: response.status, body };
    }

    let response;
    try {
      response = await fetch(target, {
        method: request.method, headers, body: request.body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new BrowserError(`${request.method} ${target.origin}${target.pathname} failed: ${error.cause?.message ?? error.message}`);
    }
    jar.store(target, response);
    log(`${request.method} ${target.pathname} -> ${response.status}`);

    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.arrayBuffer();
      request = { method: 'GET', url: new URL(location, target), body: undefined };
      continue;
    }

    const html = await response.text();
    const form = response.ok ? parseForm(html, target) : undefined;
    if (!form) {
      const text = html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
      throw new BrowserError(`the authorization server answered ${response.status} without a form to continue: ${text}`);
    }
    if ('login' in form.inputs || form.inputs.prompt === 'login') {
      const fields = { ...form.inputs, login, password };
      request = { method: form.method, url: form.action, body: new URLSearchParams(fields).toString() };
      log(`signing in as ${login}`);
    } else if (form.inputs.prompt === 'consent') {
      if (consent === 'deny') {
        const abort = abortLink(html, target);
        if (!abort) throw new BrowserError('the consent page has no way to deny');
        request = { method: 'GET', url: abort, body: undefined };
        log('denying consent');
      } else {
        request = { method: form.method, url: form.action, body: new URLSearchParams(form.inputs).toString() };
        log('granting consent');
      }
    } else {
      throw new BrowserError(`an unexpected form on ${target.pathname}: ${Object.keys(form.inputs).join(', ')}`);
    }
    if (request.method === 'GET') {
      request.url.search = request.body ?? request.url.search;
      request.body = undefined;
    }
  }
  throw new BrowserError(`more than ${MAX_STEPS} requests without reaching the loopback redirect`);
}

async function main() {
  const url = process.argv.at(-1);
  if (process.argv.length < 3) {
    process.stderr.write('usage: browser.mjs [...] AUTHORIZE_URL\n');
    process.exit(2);
  }
  try {
    await runBrowser(url);
  } catch (error) {
    process.stderr.write(`browser: ${error instanceof BrowserError ? error.message : error.stack}\n`);
    process.exit(3);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
