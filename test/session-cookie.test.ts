/**
 * Security, round two — finding 11: the access cookie and the security headers. The cookie is signed
 * with a per-deployment secret (PLAYGROUND_SESSION_SECRET, else one generated at start: a restart
 * ends every session) and carries its expiry; it is Secure when the request is HTTPS, judged by
 * X-Forwarded-Proto only when proxies are trusted. Pages get a nonce-based CSP with no
 * 'unsafe-inline' script, and every response Permissions-Policy, Cross-Origin-Opener-Policy and, over
 * HTTPS, Strict-Transport-Security.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { JSON_TYPE, raw } from './support/raw';

const TOKEN = 'session-token-51aa';
const SECRET = 'a-configured-session-secret-of-40-characters';
const env = { PLAYGROUND_ACCESS_TOKEN: TOKEN, SIMULATOR_CHUNK_DELAY_MS: '0' };
const running: RunningApp[] = [];
const start = async (more: Record<string, string> = {}) => {
  const app = await startApp({ ...env, ...more });
  running.push(app);
  return app;
};
afterAll(async () => {
  await Promise.all(running.map((app) => app.stop()));
});

async function cookieFrom(app: RunningApp, headers: Record<string, string> = {}) {
  const response = await raw(`${app.url}/api/v1/access`, { method: 'POST', headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify({ token: TOKEN }) });
  expect(response.status, response.text).toBe(200);
  const setCookie = String(response.headers['set-cookie'] ?? '');
  return { setCookie, cookie: setCookie.split(';')[0], response };
}
const modelsWith = (app: RunningApp, cookie: string) => raw(`${app.url}/api/v1/models`, { headers: { cookie } });

/** The documented cookie format: v1.<expiry, Unix seconds>.<base64url HMAC-SHA256(secret, "v1.<expiry>." + token)>. */
const signed = (expiry: number, secret = SECRET, token = TOKEN) =>
  `playground_access=v1.${expiry}.${createHmac('sha256', secret).update(`v1.${expiry}.${token}`).digest('base64url')}`;

describe('finding 11: the access cookie is signed with a per-deployment secret and expires', () => {
  it('refuses a cookie from before a restart when no secret is configured (one is generated at start)', async () => {
    const first = await start();
    const { cookie, setCookie } = await cookieFrom(first);
    expect((await modelsWith(first, cookie)).status).toBe(200);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Strict/i);
    await first.stop();
    const second = await start();
    const after = await modelsWith(second, cookie);
    expect(after.status).toBe(401);
    expect(JSON.parse(after.text).error.code).toBe('access_token_required');
  });

  it('keeps sessions across a restart with PLAYGROUND_SESSION_SECRET, and honours their expiry', async () => {
    const first = await start({ PLAYGROUND_SESSION_SECRET: SECRET });
    const { cookie, setCookie } = await cookieFrom(first);
    const maxAge = Number(/Max-Age=(\d+)/i.exec(setCookie)?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(30 * 24 * 3600);
    const expiry = Number(/^playground_access=v1\.(\d+)\./.exec(cookie)?.[1]);
    expect(Math.abs(expiry - (Date.now() / 1000 + maxAge))).toBeLessThan(60);
    await first.stop();
    const second = await start({ PLAYGROUND_SESSION_SECRET: SECRET });
    expect((await modelsWith(second, cookie)).status).toBe(200);
    const now = Math.floor(Date.now() / 1000);
    expect((await modelsWith(second, signed(now + 600))).status).toBe(200);
    expect((await modelsWith(second, signed(now - 1))).status).toBe(401);
    // The expiry is signed: moving it on breaks the signature.
    expect((await modelsWith(second, cookie.replace(`.${expiry}.`, `.${expiry + 3600}.`))).status).toBe(401);
    // A cookie is for one token: changing PLAYGROUND_ACCESS_TOKEN ends the sessions opened with the old one.
    expect((await modelsWith(second, signed(now + 600, SECRET, 'another-token'))).status).toBe(401);
  });

  it('refuses a PLAYGROUND_SESSION_SECRET shorter than 32 characters at start, naming the variable', async () => {
    const attempt = startApp({ ...env, PLAYGROUND_SESSION_SECRET: 'short' }).then(async (app) => {
      await app.stop();
      return 'it started';
    });
    await expect(attempt).rejects.toThrow(/PLAYGROUND_SESSION_SECRET/);
  });
});

describe('finding 11: Secure and HSTS follow HTTPS, as the trusted proxy setting says', () => {
  let direct: RunningApp;
  let proxied: RunningApp;
  beforeAll(async () => {
    [direct, proxied] = await Promise.all([start(), start({ PLAYGROUND_TRUST_PROXY: '1' })]);
  });

  it('ignores a client-sent X-Forwarded-Proto when no proxy is trusted: no Secure, no HSTS', async () => {
    const { setCookie, response } = await cookieFrom(direct, { 'x-forwarded-proto': 'https' });
    expect(setCookie).not.toMatch(/; Secure/i);
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect((await raw(`${direct.url}/`, { headers: { 'x-forwarded-proto': 'https' } })).headers['strict-transport-security']).toBeUndefined();
  });

  it('behind a trusted proxy that says https: a Secure cookie and Strict-Transport-Security on the page and the API', async () => {
    const https = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.8' };
    const { setCookie, response } = await cookieFrom(proxied, https);
    expect(setCookie).toMatch(/; Secure/i);
    expect(response.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    expect((await raw(`${proxied.url}/`, { headers: https })).headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    const plain = await cookieFrom(proxied, { 'x-forwarded-proto': 'http', 'x-forwarded-for': '203.0.113.8' });
    expect(plain.setCookie).not.toMatch(/; Secure/i);
    expect(plain.response.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('finding 11: security headers', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await start({ PLAYGROUND_ACCESS_TOKEN: '' });
  });

  it('sends Permissions-Policy and Cross-Origin-Opener-Policy on the page and the API', async () => {
    for (const path of ['/', '/api/v1/models']) {
      const response = await raw(`${app.url}${path}`);
      expect(response.headers['permissions-policy'], path).toMatch(/camera=\(\)/);
      expect(response.headers['permissions-policy'], path).toMatch(/microphone=\(\)/);
      expect(response.headers['cross-origin-opener-policy'], path).toBe('same-origin');
    }
  });

  it("gives the page a script-src with a fresh nonce and no 'unsafe-inline', and every script of the page that nonce", async () => {
    const nonces = [];
    for (let i = 0; i < 2; i++) {
      const response = await raw(`${app.url}/`);
      const csp = String(response.headers['content-security-policy']);
      const scriptSrc = /(?:^|;\s*)script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      const nonce = /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(scriptSrc)?.[1];
      expect(nonce, csp).toBeTruthy();
      const scripts = [...response.text.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});
