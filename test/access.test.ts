/** Access token, rate limit and security headers of the production build. */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestUpstream } from '../e2e/upstream/server.mjs';
import { SENTINEL_KEY } from './sentinel.mjs';
import { startApp, type RunningApp } from './support/app';

const TOKEN = 'let-me-in-4c1f';
const chat = { model: 'offline-simulator', messages: [{ role: 'user' as const, content: 'Hello' }] };
let upstream: Awaited<ReturnType<typeof startTestUpstream>>;
let app: RunningApp;
const bodies: string[] = [];

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  // A body is JSON (fetch would label a string text/plain, which the API refuses: finding 9).
  const headers = init.body === undefined ? init.headers : { 'content-type': 'application/json', ...init.headers };
  const response = await fetch(`${app.url}${path}`, { ...init, headers });
  const copy = response.clone();
  bodies.push([...copy.headers].join('\n'), await copy.text());
  return response;
}

beforeAll(async () => {
  upstream = await startTestUpstream({ port: 0 });
  app = await startApp({
    AIML_API_KEY: SENTINEL_KEY,
    AIML_API_BASE_URL: upstream.url,
    PLAYGROUND_ACCESS_TOKEN: TOKEN,
    PLAYGROUND_RATE_LIMIT_PER_MINUTE: '4',
    // The tests below stand for clients behind one proxy, told apart by X-Forwarded-For.
    PLAYGROUND_TRUST_PROXY: '1',
  });
});
afterAll(async () => {
  await app?.stop();
  await upstream?.close();
});

describe('PLAYGROUND_ACCESS_TOKEN', () => {
  it('answers 401 without the token, on every API route', async () => {
    expect((await call('/api/v1/models')).status).toBe(401);
    const response = await call('/api/v1/chat/completions', { method: 'POST', body: JSON.stringify(chat) });
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('access_token_required');
  });

  it('accepts the token as an OpenAI SDK key', async () => {
    const client = new OpenAI({ apiKey: TOKEN, baseURL: `${app.url}/api/v1`, maxRetries: 0 });
    const completion = await client.chat.completions.create(chat);
    expect(completion.object).toBe('chat.completion');
    const wrong = new OpenAI({ apiKey: 'guess', baseURL: `${app.url}/api/v1`, maxRetries: 0 });
    await expect(wrong.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('sets an httpOnly cookie for the right token only, and the cookie opens the API', async () => {
    const wrong = await call('/api/v1/access', { method: 'POST', body: JSON.stringify({ token: 'nope' }) });
    expect(wrong.status).toBe(401);
    const right = await call('/api/v1/access', { method: 'POST', body: JSON.stringify({ token: TOKEN }) });
    expect(right.status).toBe(200);
    const setCookie = right.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).not.toContain(TOKEN);
    const cookie = setCookie.split(';')[0];
    expect((await call('/api/v1/models', { headers: { cookie } })).status).toBe(200);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past the per-minute limit', async () => {
    const headers = { authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': '203.0.113.9' };
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i++) {
      const response = await call('/api/v1/chat/completions', { method: 'POST', headers, body: JSON.stringify(chat) });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses.slice(4)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('counts token guesses and chat calls against one budget (Next serves one, the fast path the other)', async () => {
    const client = { 'x-forwarded-for': '203.0.113.77' };
    const guess = () => call('/api/v1/access', { method: 'POST', headers: client, body: JSON.stringify({ token: 'wrong' }) });
    expect((await guess()).status).toBe(401);
    expect((await guess()).status).toBe(401);
    const headers = { ...client, authorization: `Bearer ${TOKEN}` };
    const chatCall = () => call('/api/v1/chat/completions', { method: 'POST', headers, body: JSON.stringify(chat) });
    expect([(await chatCall()).status, (await chatCall()).status, (await chatCall()).status]).toEqual([200, 200, 429]);
    expect((await guess()).status).toBe(429);
  });
});

describe('security headers', () => {
  it('sends a same-origin CSP (Monaco workers allowed from blob:), nosniff, referrer policy and frame-ancestors', async () => {
    const response = await call('/');
    const csp = response.headers.get('content-security-policy') ?? '';
    // The chat route's answers carry the same headers as the page's.
    const chatResponse = await call('/api/v1/chat/completions', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: '{}' });
    for (const name of ['x-content-type-options', 'referrer-policy', 'x-frame-options', 'permissions-policy', 'cross-origin-opener-policy']) {
      expect(chatResponse.headers.get(name)).toBe(response.headers.get(name));
    }
    // The same policy, but for the page's nonce (finding 11): the API has no inline script at all.
    expect(chatResponse.headers.get('content-security-policy')).toBe(csp.replace(/ 'nonce-[^']+'/, ''));
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain('worker-src');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' [^;]*$|script-src 'self' [^;]*;/);
    expect(csp).not.toMatch(/https?:|\*/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('never shows the key or the token in anything it answered', () => {
    expect(bodies.length).toBeGreaterThan(10);
    for (const text of bodies) {
      expect(text).not.toContain(SENTINEL_KEY);
      expect(text).not.toContain(TOKEN);
    }
  });
});
