/**
 * Security, round two — finding 5: the rate limit trusts no client header. With no proxy trusted, a
 * client is its socket address, whatever X-Forwarded-For or X-Real-IP it sends; with
 * PLAYGROUND_TRUST_PROXY=N, the Nth X-Forwarded-For entry from the right (as Express's `trust proxy`).
 * Each client here is its own loopback source address (see support/raw.ts).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { JSON_TYPE, many, raw, SIMPLE_CHAT, statuses } from './support/raw';

const LIMIT = 5;
const randomAddress = () => [...randomBytes(4)].join('.');
let direct: RunningApp;
let behindTwo: RunningApp;

beforeAll(async () => {
  const env = { PLAYGROUND_RATE_LIMIT_PER_MINUTE: String(LIMIT), SIMULATOR_CHUNK_DELAY_MS: '0' };
  [direct, behindTwo] = await Promise.all([startApp(env), startApp({ ...env, PLAYGROUND_TRUST_PROXY: '2' })]);
});
afterAll(async () => {
  await Promise.all([direct?.stop(), behindTwo?.stop()]);
});

const chat = (app: RunningApp, from: string, headers: Record<string, string> = {}) =>
  raw(`${app.url}/api/v1/chat/completions`, { method: 'POST', from, headers: { ...JSON_TYPE, ...headers }, body: SIMPLE_CHAT });

describe('finding 5: the rate limit trusts no client header', () => {
  it('with no proxy trusted, a random right-most X-Forwarded-For does not get past the limit', async () => {
    const answers = await many(30, 5, () => chat(direct, '127.0.1.1', { 'x-forwarded-for': `198.51.100.7, ${randomAddress()}` }));
    expect(statuses(answers)).toEqual({ 200: LIMIT, 429: 30 - LIMIT });
  });

  it('with no proxy trusted, a random X-Real-IP does not get past the limit', async () => {
    const answers = await many(30, 5, () => chat(direct, '127.0.1.2', { 'x-real-ip': randomAddress() }));
    expect(statuses(answers)).toEqual({ 200: LIMIT, 429: 30 - LIMIT });
  });

  it("with no proxy trusted, spoofing a victim's address does not lock the victim out", async () => {
    const victim = '127.0.1.3';
    await many(3 * LIMIT, 5, () => chat(direct, '127.0.1.4', { 'x-forwarded-for': victim, 'x-real-ip': victim }));
    expect((await chat(direct, victim)).status).toBe(200);
  });

  it('behind two trusted proxies, the client is the second X-Forwarded-For entry from the right', async () => {
    // Both requests come from the same socket (the nearest proxy); the left-most entries are the client's claims.
    const from = '127.0.1.5';
    const first = await many(LIMIT + 2, 1, () => chat(behindTwo, from, { 'x-forwarded-for': `${randomAddress()}, 203.0.113.1, 10.0.0.2` }));
    expect(statuses(first)).toEqual({ 200: LIMIT, 429: 2 });
    expect((await chat(behindTwo, from, { 'x-forwarded-for': '203.0.113.2, 10.0.0.2' })).status).toBe(200);
  });

  it('answers a huge or malformed X-Forwarded-For entry as one client, never as a fresh key each time', async () => {
    const answers = await many(3 * LIMIT, 5, () => chat(behindTwo, '127.0.1.6', { 'x-forwarded-for': `${'z'.repeat(8000)}${randomAddress()}, 10.0.0.2` }));
    expect(statuses(answers)).toEqual({ 200: LIMIT, 429: 2 * LIMIT });
  });
});
