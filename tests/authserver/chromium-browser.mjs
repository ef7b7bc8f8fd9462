#!/usr/bin/env node
// A real browser for Authdesk's end-to-end tests, usable as AUTHDESK_BROWSER (the URL is its LAST argument):
//
//   node chromium-browser.mjs [ignored arguments...] AUTHORIZE_URL
//
// It runs Debian's Chromium headless through playwright-core and goes through the authorization server's
// pages the way a person would: it types the account into the sign-in form (oidc-provider devInteractions)
// and clicks its button, then clicks the consent page's button (or its "Cancel" link to deny), until the
// browser lands on the app's loopback redirect URI and the callback page has rendered. Unlike browser.mjs
// nothing is fetched by hand: Chromium follows the redirects, keeps the cookies and renders every page.
// It prints what it does, and the callback page's status, to stderr.
//
// Environment:
//   AUTHDESK_TEST_CHROMIUM   the Chromium executable (default /usr/bin/chromium)
//   AUTHDESK_TEST_LOGIN      the account to sign in as (default `alice`; becomes the `sub`)
//   AUTHDESK_TEST_PASSWORD   any password (default `secret`; devInteractions accept any)
//   AUTHDESK_TEST_CONSENT    `grant` (default) or `deny` (the server then redirects with error=access_denied)
//   AUTHDESK_TEST_ARTIFACTS  a folder for screenshots: chromium-consent.png (the consent page, before the
//                            click) and chromium-callback.png (the app's callback page), and for
//                            chromium-browser.log, which gets the lines printed on stderr (a test that
//                            started this detached reads `failed: ...` there instead of waiting for a
//                            callback that will not come); nothing is written when unset
//   AUTHDESK_TEST_BROWSER_TIMEOUT  milliseconds one page may take (default 30000; starting Chromium may
//                            take four times as long on a loaded machine)
//
// Exit codes: 0 the callback page rendered (whatever it says: the app decides what the outcome means);
// 2 usage; 3 the flow broke off (Chromium missing or failing to start, a page that is neither sign-in nor
// consent, a host that is not loopback, the callback could not be delivered, a timeout).
//
// Only loopback is reachable: every request to another host is aborted, so the test never leaves the
// machine (the development pages' web font is already stripped by server.mjs).
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
const MAX_PAGES = 10;
const CHROMIUM_ARGUMENTS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];

export class BrowserError extends Error {}

// stderr, and the transcript in AUTHDESK_TEST_ARTIFACTS when that is set.
function report(line, artifacts = process.env.AUTHDESK_TEST_ARTIFACTS) {
  process.stderr.write(`chromium-browser: ${line}\n`);
  if (!artifacts) return;
  try {
    mkdirSync(artifacts, { recursive: true });
    appendFileSync(join(artifacts, 'chromium-browser.log'), `${line}\n`);
  } catch (error) {
    process.stderr.write(`chromium-browser: cannot write to ${artifacts}: ${error.message}\n`);
  }
}

function isLoopback(url) {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

// Playwright's messages quote URLs; their query (state, code, challenge) stays out of the log.
function firstLine(error) {
  return String(error?.message ?? error).split('\n')[0].replace(/(https?:\/\/[^\s?#"']*)[?#][^\s"']*/g, '$1?…');
}

// Text of the page for an error message: what a person would have seen, shortened.
async function visibleText(page) {
  const text = await page.locator('body').innerText({ timeout: 2000 }).catch(() => '');
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

export async function runChromium(authorizeUrl, {
  executablePath = process.env.AUTHDESK_TEST_CHROMIUM || '/usr/bin/chromium',
  login = process.env.AUTHDESK_TEST_LOGIN || 'alice',
  password = process.env.AUTHDESK_TEST_PASSWORD || 'secret',
  consent = process.env.AUTHDESK_TEST_CONSENT || 'grant',
  artifacts = process.env.AUTHDESK_TEST_ARTIFACTS || '',
  timeoutMs = Number(process.env.AUTHDESK_TEST_BROWSER_TIMEOUT || 30000),
  log = (line) => report(line, artifacts),
} = {}) {
  if (!['grant', 'deny'].includes(consent)) throw new BrowserError(`AUTHDESK_TEST_CONSENT must be grant or deny, not ${consent}`);
  let url;
  try {
    url = new URL(authorizeUrl);
  } catch {
    throw new BrowserError(`not a URL: ${authorizeUrl}`);
  }
  if (!isLoopback(url)) throw new BrowserError(`refusing to open ${url.origin}: only loopback hosts are allowed`);
  const serverOrigin = url.origin;
  if (artifacts) mkdirSync(artifacts, { recursive: true });
  const screenshot = async (page, name) => {
    if (!artifacts) return;
    const file = join(artifacts, name);
    await page.screenshot({ path: file, fullPage: true });
    log(`saved ${file}`);
  };

  // Imported here so that a missing `npm ci` is a clear BrowserError, not a stack trace at load time.
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (error) {
    throw new BrowserError(`playwright-core is not installed (npm ci --prefix tests/authserver): ${error.message}`);
  }
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGUMENTS, timeout: 4 * timeoutMs });
  } catch (error) {
    throw new BrowserError(`Chromium (${executablePath}) did not start: ${firstLine(error)}`);
  }
  log(`started Chromium ${browser.version()}`);
  try {
    const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
    context.setDefaultTimeout(timeoutMs);
    context.setDefaultNavigationTimeout(timeoutMs);
    // Stay on this machine: anything that is not loopback is refused before it leaves.
    await context.route((target) => !isLoopback(target), (route) => {
      log(`blocked a request to ${new URL(route.request().url()).origin}`);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();

    // What the main frame last loaded, and why a navigation failed (connection refused, ...).
    let lastDocument;
    let failure;
    page.on('response', (response) => {
      if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) lastDocument = response;
    });
    page.on('requestfailed', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame())
        failure = `${new URL(request.url()).origin}${new URL(request.url()).pathname}: ${request.failure()?.errorText}`;
    });

    // One click (or the first load) = one committed navigation of the main frame; the server's
    // redirects in between are followed by Chromium.
    const navigate = async (action) => {
      failure = undefined;
      const committed = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
      await action();
      await committed;
      await page.waitForLoadState('load');
      if (failure) throw new BrowserError(`the browser could not load ${failure}`);
    };

    await navigate(() => page.goto(url.href, { waitUntil: 'commit' }).catch((error) => {
      throw new BrowserError(`${url.origin}${url.pathname} did not load: ${firstLine(error)}`);
    }));
    for (let pages = 0; pages < MAX_PAGES; ++pages) {
      const current = new URL(page.url());
      if (current.protocol === 'chrome-error:') throw new BrowserError(`the browser showed an error page: ${failure ?? 'unknown error'}`);
      if (!isLoopback(current)) throw new BrowserError(`the browser left loopback for ${current.origin}`);
      const status = lastDocument?.status();
      if (current.origin !== serverOrigin) {
        // The app's reply handler answered the redirect: the page it sent has rendered.
        log(`callback ${current.origin}${current.pathname} -> ${status}`);
        await screenshot(page, 'chromium-callback.png');
        return { callbackUrl: current, status, text: await visibleText(page) };
      }
      log(`${current.pathname} -> ${status}`);
      const form = page.locator('form').first();
      if (await page.locator('form input[name="login"]').count() > 0) {
        await page.locator('form input[name="login"]').first().fill(login);
        await page.locator('form input[name="password"]').first().fill(password);
        log(`signing in as ${login}`);
        await navigate(() => form.locator('[type="submit"]').first().click());
      } else if (await page.locator('form input[name="prompt"][value="consent"]').count() > 0) {
        await screenshot(page, 'chromium-consent.png');
        if (consent === 'deny') {
          const cancel = page.locator('a[href*="/abort"]').first();
          if (await cancel.count() === 0) throw new BrowserError('the consent page has no way to deny');
          log('denying consent');
          await navigate(() => cancel.click());
        } else {
          log('granting consent');
          await navigate(() => form.locator('[type="submit"]').first().click());
        }
      } else {
        throw new BrowserError(`${current.pathname} answered ${status} with neither a sign-in nor a consent form: ${await visibleText(page)}`);
      }
    }
    throw new BrowserError(`more than ${MAX_PAGES} pages without reaching the loopback redirect`);
  } catch (error) {
    if (error instanceof BrowserError) throw error;
    throw new BrowserError(firstLine(error));
  } finally {
    await browser.close().catch(() => {});
  }
}

async function main() {
  if (process.argv.length < 3) {
    process.stderr.write('usage: chromium-browser.mjs [...] AUTHORIZE_URL\n');
    process.exit(2);
  }
  try {
    await runChromium(process.argv.at(-1));
  } catch (error) {
    report(`failed: ${error instanceof BrowserError ? error.message : error.stack}`);
    process.exit(3);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
