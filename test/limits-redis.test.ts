/**
 * Shared limits (issue 18): two instances with the same REDIS_URL count a client together — its rate
 * limit and its wrong-token lockout — and accept each other's session cookies without a configured
 * PLAYGROUND_SESSION_SECRET (the secret is made once in Redis), even after a restart. When Redis goes
 * away, the limits fail closed: 503 limits_unavailable within about a second. Against a real
 * `redis-server` (test/services/redis.ts); each client is its own loopback address (support/raw.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RunningRedis } from './services/redis';
import { startApp, type RunningApp } from './support/app';
import { JSON_TYPE, raw, SIMPLE_CHAT } from './support/raw';

const TOKEN = 'shared-limits-token-7c1f';
const RATE_LIMIT = 5;
const MAX_FAILURES = 3;
let redis: RunningRedis;
let env: Record<string, string>;
let instances: RunningApp[] = [];

beforeAll(async () => {
  redis = await startRedis();
  env = {
    REDIS_URL: redis.url,
    PLAYGROUND_ACCESS_TOKEN: TOKEN,
    PLAYGROUND_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    PLAYGROUND_ACCESS_MAX_FAILURES: String(MAX_FAILURES),
    PLAYGROUND_ACCESS_LOCKOUT_SECONDS: '60',
    SIMULATOR_CHUNK_DELAY_MS: '0',
  };
  instances = await Promise.all([startApp(env), startApp(env)]);
});
afterAll(async () => {
  await Promise.all(instances.map((app) => app.stop()));
  await redis?.stop();
});

const chat = (app: RunningApp, from: string, headers: Record<string, string>) =>
  raw(`${app.url}/api/v1/chat/completions`, { method: 'POST', from, headers: { ...JSON_TYPE, ...headers }, body: SIMPLE_CHAT });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const errorOf = (text: string) => JSON.parse(text).error;

describe('two instances sharing one Redis', () => {
  it('limit a client together: the 6th request across both is refused with 429 and Retry-After', async () => {
    const from = '127.0.0.21';
    const statuses = [];
    for (let i = 0; i < RATE_LIMIT; i++) statuses.push((await chat(instances[i % 2], from, bearer(TOKEN))).status);
    expect(statuses).toEqual(Array(RATE_LIMIT).fill(200));
    for (const app of instances) {
      const refused = await chat(app, from, bearer(TOKEN));
      expect(refused.status).toBe(429);
      expect(errorOf(refused.text)).toMatchObject({ code: 'rate_limited' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    expect((await chat(instances[1], '127.0.0.22', bearer(TOKEN))).status).toBe(200);
  });

  it('accept a session opened on the other instance, and after a restart, with no PLAYGROUND_SESSION_SECRET', async () => {
    const from = '127.0.0.23';
    const opened = await raw(`${instances[0].url}/api/v1/access`, { method: 'POST', from, headers: JSON_TYPE, body: JSON.stringify({ token: TOKEN }) });
    expect(opened.status, opened.text).toBe(200);
    const cookie = String(opened.headers['set-cookie']).split(';')[0];
    expect(cookie).toMatch(/^playground_access=v1\./);
    expect((await chat(instances[1], from, { cookie })).status).toBe(200);
    await instances[0].stop();
    instances[0] = await startApp(env);
    expect((await chat(instances[0], from, { cookie })).status).toBe(200);
    expect((await chat(instances[0], from, { cookie: 'playground_access=v1.9999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).status).toBe(401);
  });

  it('lock out a client that guesses on both, the right token included, on both', async () => {
    const from = '127.0.0.24';
    for (let i = 0; i < MAX_FAILURES; i++) expect((await chat(instances[i % 2], from, bearer(`guess-${i}`))).status).toBe(401);
    for (const app of instances) {
      const locked = await chat(app, from, bearer(TOKEN));
      expect(locked.status).toBe(429);
      expect(errorOf(locked.text)).toMatchObject({ code: 'access_locked_out' });
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(55);
    }
  });

  it('answer 503 limits_unavailable within about a second once Redis is gone, on both (fail closed)', async () => {
    await redis.stop();
    for (const app of instances) {
      const started = Date.now();
      const refused = await chat(app, '127.0.0.25', bearer(TOKEN));
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(refused.status).toBe(503);
      expect(errorOf(refused.text)).toMatchObject({ code: 'limits_unavailable' });
      expect(errorOf(refused.text).message).toMatch(/rate-limit store \(Redis\) cannot be reached/);
    }
  });
});
