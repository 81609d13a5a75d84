import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RunningRedis } from '@/test/services/redis';
import { checkRateLimit } from '../access';
import { resetServerEnvForTests } from '../env';
import { limitStoreSuite } from './limit-store.suite';
import { LimitsUnavailableError } from './limit-store';
import { openRedisLimitStore } from './redis-store';
import { limitStore, resetLimitStoreForTests } from './store';

let redis: RunningRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

limitStoreSuite('Redis', () => {
  const store = openRedisLimitStore(redis.url);
  return { store, close: () => store.close() };
});

/** One command to the test's Redis, outside the store (to see what it left there). */
function redisCommand(url: string, command: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    let reply = '';
    socket.once('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (data) => {
      reply += data;
      if (reply.endsWith('\r\n')) {
        socket.destroy();
        resolve(reply);
      }
    });
    socket.once('error', reject);
  });
}

describe('what the Redis store keeps', () => {
  it('puts a TTL on every key but the session secret, under the playground: prefix', async () => {
    const store = openRedisLimitStore(redis.url);
    await store.countRequest('10.9.9.9', 5, Date.now());
    await store.recordFailure('10.9.9.9', { maxFailures: 3, lockoutMs: 900_000 }, Date.now());
    await store.sessionSecret();
    store.close();
    const ttl = async (key: string) => Number((await redisCommand(redis.url, `PTTL ${key}`)).slice(1));
    expect(await ttl('playground:window:10.9.9.9')).toBeGreaterThan(55_000);
    expect(await ttl('playground:window:10.9.9.9')).toBeLessThanOrEqual(60_000);
    expect(await ttl('playground:failures:10.9.9.9')).toBeGreaterThan(890_000);
    expect(await ttl('playground:session-secret')).toBe(-1);
  });
});

describe('a Redis that cannot be reached (limits fail closed, promptly)', () => {
  async function timed<T>(operation: Promise<T>): Promise<{ error: unknown; ms: number }> {
    const started = Date.now();
    const error = await operation.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    return { error, ms: Date.now() - started };
  }

  it('nothing listening: LimitsUnavailableError within about a second, for every operation', async () => {
    const gone = await startRedis();
    await gone.stop();
    const store = openRedisLimitStore(gone.url);
    try {
      for (const operation of [store.countRequest('a', 5, 0), store.lockoutLeft('a', 0), store.sessionSecret(), store.ping()] as Promise<unknown>[]) {
        const { error, ms } = await timed(operation);
        expect(error).toBeInstanceOf(LimitsUnavailableError);
        expect(ms).toBeLessThan(2_000);
      }
    } finally {
      store.close();
    }
  });

  it('a server that stops answering (SIGSTOP) mid-use: the next request fails within about a second, and counting resumes when it is back', async () => {
    const paused = await startRedis();
    const store = openRedisLimitStore(paused.url);
    try {
      expect(await store.countRequest('b', 5, 0)).toBe(0);
      process.kill(paused.pid, 'SIGSTOP');
      const { error, ms } = await timed(store.countRequest('b', 5, 1));
      expect(error).toBeInstanceOf(LimitsUnavailableError);
      expect((error as Error).message).toMatch(/^The rate-limit store \(Redis\) cannot be reached: 127\.0\.0\.1:\d+ did not answer EVAL/);
      expect(ms).toBeLessThan(2_000);
      process.kill(paused.pid, 'SIGCONT');
      // A new connection, as the silent one was dropped; the request that timed out may have been counted too.
      expect(await store.countRequest('b', 5, 2)).toBe(0);
      const count = await redisCommand(paused.url, 'HGET playground:window:b count');
      expect(count).toMatch(/^\$1\r\n[23]\r\n$/);
    } finally {
      store.close();
      await paused.stop();
    }
  });

  it('a Redis killed under a running process: the chat limit answers 503 limits_unavailable within about a second, never lets the request through', async () => {
    const own = await startRedis();
    process.env.REDIS_URL = own.url;
    process.env.PLAYGROUND_RATE_LIMIT_PER_MINUTE = '5';
    resetServerEnvForTests();
    resetLimitStoreForTests();
    try {
      expect(limitStore().kind).toBe('redis');
      expect(await checkRateLimit('10.1.1.1')).toBeNull();
      await own.stop();
      const started = Date.now();
      const refused = await checkRateLimit('10.1.1.1');
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(refused).toMatchObject({ status: 503, headers: { 'Retry-After': '1' }, body: { error: { code: 'limits_unavailable' } } });
      expect(refused?.body.error.message).toMatch(/rate-limit store \(Redis\) cannot be reached.*try again shortly/);
    } finally {
      delete process.env.REDIS_URL;
      delete process.env.PLAYGROUND_RATE_LIMIT_PER_MINUTE;
      resetServerEnvForTests();
      resetLimitStoreForTests();
    }
  });
});
