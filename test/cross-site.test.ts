/**
 * Security, round two — finding 9: CSRF and DNS rebinding against a local instance. A web page the
 * person visits can send "simple" cross-site requests (text/plain, form-encoded: no preflight), and a
 * rebinding domain reaches the app under its own name. So: POSTs must be application/json (415), a
 * cross-site browser request is refused (Origin / Sec-Fetch-Site, 403), and the Host must be one of
 * the configured names (403), on the page and on every API route. curl and the SDKs send neither
 * Origin nor Sec-Fetch-Site, and pass.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { JSON_TYPE, raw, SIMPLE_CHAT, type RawResponse } from './support/raw';

let app: RunningApp;
let named: RunningApp;
let port: string;

beforeAll(async () => {
  const env = { SIMULATOR_CHUNK_DELAY_MS: '0', PLAYGROUND_RATE_LIMIT_PER_MINUTE: '0' };
  [app, named] = await Promise.all([startApp(env), startApp({ ...env, PLAYGROUND_ALLOWED_HOSTS: 'playground.example.com, .corp.example' })]);
  port = new URL(app.url).port;
});
afterAll(async () => {
  await Promise.all([app?.stop(), named?.stop()]);
});

const chat = (headers: Record<string, string>, body = SIMPLE_CHAT, target = app) =>
  raw(`${target.url}/api/v1/chat/completions`, { method: 'POST', headers, body });

function expectError(response: RawResponse, status: number, code: string) {
  expect(response.status, response.text.slice(0, 300)).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const { error } = JSON.parse(response.text);
  expect(error).toMatchObject({ code, message: expect.any(String), type: expect.any(String) });
  expect(error).toHaveProperty('param');
}

describe('finding 9: CSRF — only JSON, and no cross-site browser request, changes anything', () => {
  it('answers 415 to a text/plain POST on the chat endpoint (what a cross-site form or fetch can send)', async () => {
    expectError(await chat({ 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
  });

  it('answers 415 to form-encoded and multipart POSTs, and to a POST with no Content-Type', async () => {
    expectError(await chat({ 'content-type': 'application/x-www-form-urlencoded' }, `${encodeURIComponent(SIMPLE_CHAT)}=`), 415, 'unsupported_media_type');
    expectError(await chat({ 'content-type': 'multipart/form-data; boundary=x' }, `--x\r\n\r\n${SIMPLE_CHAT}\r\n--x--`), 415, 'unsupported_media_type');
    expectError(await chat({}), 415, 'unsupported_media_type');
    const access = await raw(`${app.url}/api/v1/access`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"token":"x"}' });
    expectError(access, 415, 'unsupported_media_type');
  });

  it('accepts application/json with parameters', async () => {
    expect((await chat({ 'content-type': 'Application/JSON; charset=utf-8' })).status).toBe(200);
  });

  it('refuses a cross-site browser request by its Origin or its Sec-Fetch-Site', async () => {
    expectError(await chat({ ...JSON_TYPE, origin: 'https://evil.example' }), 403, 'cross_site_request');
    expectError(await chat({ ...JSON_TYPE, origin: 'null' }), 403, 'cross_site_request');
    expectError(await chat({ ...JSON_TYPE, 'sec-fetch-site': 'cross-site' }), 403, 'cross_site_request');
    // Another port of localhost is the same site, not the same origin: another local app.
    expectError(await chat({ ...JSON_TYPE, 'sec-fetch-site': 'same-site', origin: `http://localhost:${Number(port) + 1}` }), 403, 'cross_site_request');
    expectError(await raw(`${app.url}/api/v1/access`, { method: 'POST', headers: { ...JSON_TYPE, 'sec-fetch-site': 'cross-site' }, body: '{"token":"x"}' }), 403, 'cross_site_request');
  });

  it("serves the page's own requests and clients that send neither header (curl, the SDKs)", async () => {
    expect((await chat({ ...JSON_TYPE, origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await chat({ ...JSON_TYPE, origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await chat(JSON_TYPE)).status).toBe(200);
  });
});

describe('finding 9: DNS rebinding — only the configured host names are served', () => {
  const paths: [string, RequestInitish][] = [
    ['/', {}],
    ['/api/v1/models', {}],
    ['/api/v1/chat/completions', { method: 'POST', headers: JSON_TYPE, body: SIMPLE_CHAT }],
    ['/api/v1/access', { method: 'POST', headers: JSON_TYPE, body: '{"token":"x"}' }],
  ];

  it.each(paths)('refuses %s under a rebinding domain (403)', async (path, init) => {
    const response = await raw(`${app.url}${path}`, { ...init, headers: { ...init.headers, host: `rebind.evil.example:${port}` } });
    expect(response.status, response.text.slice(0, 300)).toBe(403);
    expect(response.text).toMatch(/PLAYGROUND_ALLOWED_HOSTS/);
    expect(response.text).not.toContain('<script');
  });

  it.each(['localhost', '127.0.0.1', '[::1]', 'LOCALHOST'])('serves the page and the API under %s by default', async (host) => {
    expect((await raw(`${app.url}/`, { headers: { host: `${host}:${port}` } })).status).toBe(200);
    expect((await raw(`${app.url}/api/v1/models`, { headers: { host } })).status).toBe(200);
  });

  it('serves the names of PLAYGROUND_ALLOWED_HOSTS (".name" for its subdomains) besides the loopback ones', async () => {
    const at = (host: string) => raw(`${named.url}/api/v1/models`, { headers: { host } });
    expect((await at('playground.example.com')).status).toBe(200);
    expect((await at('a.corp.example:8443')).status).toBe(200);
    expect((await at('corp.example')).status).toBe(200);
    expect((await at('localhost:3000')).status).toBe(200);
    expect((await at('example.com')).status).toBe(403);
    expect((await at('playground.example.com.evil.example')).status).toBe(403);
    expect((await raw(`${named.url}/`, { headers: { host: 'evil.example' } })).status).toBe(403);
  });

  it('refuses a request with no Host (HTTP/1.0), or a malformed one', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('GET /api/v1/models HTTP/1.0\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk)).on('end', () => resolve(text)).on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.[01] 403 /);
    expect((await raw(`${app.url}/api/v1/models`, { headers: { host: 'localhost@evil.example' } })).status).toBe(403);
  });
});

type RequestInitish = { method?: string; headers?: Record<string, string>; body?: string };
