#!/usr/bin/env node
// The Node reference of Authdesk's connect benchmark (issue 4, "Benchmark"): the same authorization
// code flow Authdesk runs, done by the `openid-client` npm package against the same authorization
// server, timed with performance.now().
//
//   node reference-client.mjs [--issuer URL] [--client ID] [--client-secret SECRET] [--iterations N]
//                             [--warmup N] [--scope SCOPE] [--browser module|process]
//
// Without --issuer it starts server.mjs's authorization server in this process (handy on its own; for
// the benchmark pass the issuer of the server Authdesk uses, so both measure the same server).
// --client defaults to public-client; the secrets of the three test clients are known, other
// clients need --client-secret. --browser module (default) runs browser.mjs's logic in this process;
// --browser process starts `node browser.mjs URL` for each flow, as Authdesk does with
// AUTHDESK_BROWSER.
//
// Discovery happens once, before the timed flows (reported as discoveryMs). Each timed flow:
//   listen     open the loopback reply server on 127.0.0.1, ephemeral port
//   authorize  PKCE, state and nonce, the authorization URL, the browser signs in and consents, until
//              the callback request has arrived at the loopback server
//   token      state and iss checked, code exchanged (client authentication of the client's
//              registered method), id_token validated (signature, iss, aud, nonce, exp)
//   total      from the start of listen to the validated token set
// Output, one JSON line on stdout:
//   {"ms": <median total>, "phases": {<phase>: <median ms>}, "mean": ..., "min": ..., "max": ...,
//    "iterations": N, "discoveryMs": ..., "client": ..., "browser": ..., "node": ..., "openidClient": ...,
//    "samples": [{listen, authorize, token, total}, ...]}
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Issuer, generators } from 'openid-client';

import { runBrowser } from './browser.mjs';
import { CLIENTS, startAuthorizationServer } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));

function parseArguments(argv) {
  const options = {
    issuer: undefined,
    client: 'public-client',
    clientSecret: undefined,
    iterations: 10,
    warmup: 0,
    scope: 'openid offline_access profile email',
    browser: 'module',
  };
  for (let i = 0; i < argv.length; ++i) {
    const argument = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${argument} needs a value`);
      return argv[++i];
    };
    switch (argument) {
      case '--issuer': options.issuer = value(); break;
      case '--client': options.client = value(); break;
      case '--client-secret': options.clientSecret = value(); break;
      case '--iterations': options.iterations = Number(value()); break;
      case '--warmup': options.warmup = Number(value()); break;
      case '--scope': options.scope = value(); break;
      case '--browser': options.browser = value(); break;
      default: throw new Error(`unknown argument ${argument}`);
    }
  }
  if (!Number.isInteger(options.iterations) || options.iterations < 1) throw new Error('--iterations must be a positive integer');
  if (!Number.isInteger(options.warmup) || options.warmup < 0) throw new Error('--warmup must be a non-negative integer');
  if (!['module', 'process'].includes(options.browser)) throw new Error('--browser is module or process');
  return options;
}

// A one-shot loopback reply server: resolves with the callback's parameters, answers every other
// path with 404.
async function openLoopback(path) {
  const server = http.createServer();
  let deliver;
  const callback = new Promise((resolve) => { deliver = resolve; });
  server.on('request', (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname !== path) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end('<!DOCTYPE html><title>Done</title><p>You can close this window.</p>');
    deliver(req);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    redirectUri: `http://127.0.0.1:${server.address().port}${path}`,
    callback,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

function runBrowserProcess(url) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'browser.mjs'), url], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`browser.mjs exited with ${code}: ${stderr}`))));
  });
}

async function oneFlow(client, options) {
  const started = performance.now();
  const loopback = await openLoopback('/callback');
  const listening = performance.now();
  try {
    const codeVerifier = generators.codeVerifier();
    const state = generators.state();
    const nonce = generators.nonce();
    const url = client.authorizationUrl({
      redirect_uri: loopback.redirectUri,
      scope: options.scope,
      state,
      nonce,
      code_challenge: generators.codeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    const log = () => {};
    const [request] = await Promise.all([
      loopback.callback,
      options.browser === 'process' ? runBrowserProcess(url) : runBrowser(url, { log }),
    ]);
    const authorized = performance.now();
    const params = client.callbackParams(request);
    const tokens = await client.callback(loopback.redirectUri, params, {
      code_verifier: codeVerifier, state, nonce, response_type: 'code',
    });
    if (!tokens.access_token || !tokens.id_token) throw new Error('the token response has no access_token or id_token');
    if (options.scope.split(' ').includes('offline_access') && !tokens.refresh_token) throw new Error('no refresh_token');
    tokens.claims(); // decoded and validated by callback(); throws when absent
    const finished = performance.now();
    return {
      listen: listening - started,
      authorize: authorized - listening,
      token: finished - authorized,
      total: finished - started,
    };
  } finally {
    await loopback.close();
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round = (value) => Math.round(value * 1000) / 1000;

async function main() {
  const options = parseArguments(process.argv.slice(2));
  let ownServer;
  if (!options.issuer) {
    ownServer = await startAuthorizationServer();
    options.issuer = ownServer.info.issuer;
  }
  try {
    const known = CLIENTS[options.client];
    const method = known?.method ?? (options.clientSecret ? 'client_secret_basic' : 'none');
    const secret = options.clientSecret ?? known?.secret;

    const discoveryStarted = performance.now();
    const issuer = await Issuer.discover(options.issuer);
    const discoveryMs = performance.now() - discoveryStarted;
    const client = new issuer.Client({
      client_id: options.client,
      ...(secret === undefined ? {} : { client_secret: secret }),
      token_endpoint_auth_method: method,
      response_types: ['code'],
    });

    for (let i = 0; i < options.warmup; ++i) await oneFlow(client, options);
    const samples = [];
    for (let i = 0; i < options.iterations; ++i) samples.push(await oneFlow(client, options));

    const totals = samples.map((sample) => sample.total);
    const phases = Object.fromEntries(['listen', 'authorize', 'token', 'total']
      .map((phase) => [phase, round(median(samples.map((sample) => sample[phase])))]));
    const version = (name) => JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8')).version;
    process.stdout.write(`${JSON.stringify({
      ms: phases.total,
      phases,
      mean: round(totals.reduce((a, b) => a + b, 0) / totals.length),
      min: round(Math.min(...totals)),
      max: round(Math.max(...totals)),
      iterations: options.iterations,
      discoveryMs: round(discoveryMs),
      issuer: options.issuer,
      client: options.client,
      browser: options.browser,
      node: process.version,
      openidClient: version('openid-client'),
      oidcProvider: version('oidc-provider'),
      samples: samples.map((sample) => Object.fromEntries(Object.entries(sample).map(([key, value]) => [key, round(value)]))),
    })}\n`);
  } finally {
    await ownServer?.close();
  }
}

main().catch((error) => {
  process.stderr.write(`reference-client: ${error.stack ?? error}\n`);
  process.exit(1);
});
