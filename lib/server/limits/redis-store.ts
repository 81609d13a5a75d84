import 'server-only';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { z } from 'zod';
import { LimitsUnavailableError, secondsUntil, WINDOW_MS, type LimitStore, type LockoutPolicy } from './limit-store';

/**
 * The limits in Redis (REDIS_URL): every instance counts the same client together and signs sessions
 * with the same secret. Each operation is one round trip, atomic on the server (a Lua script, or one
 * command). The caller's `now` is what the scripts compare, as the memory store does (so one suite
 * drives time for both); Redis's own TTLs, in real time, only bound how long a key outlives its use.
 *
 * Keys: `playground:window:<budget key>`, `playground:failures:<client key>` (client keys are at most
 * 45 characters, client-address.ts), each with a TTL of its window or lockout period, and
 * `playground:session-secret`, the one key without: evicting it would end every session, and under a
 * `volatile-*` eviction policy a key without a TTL is never evicted.
 *
 * Redis down, restarting or silent: an operation waits at most OPERATION_TIMEOUT_MS in all (for the
 * connection, then for the reply) and throws LimitsUnavailableError; access.ts answers 503. The client
 * keeps reconnecting in the background, and a connection that leaves a reply unanswered is replaced,
 * so requests are counted again as soon as Redis answers.
 */
const OPERATION_TIMEOUT_MS = 1000;
const PREFIX = 'playground:';
const SECRET_KEY = `${PREFIX}session-secret`;
const TIMED_OUT = Symbol('timed out');

/** Starts a window at the caller's `now` when there is none or it is over; returns {start, count}. */
const COUNT_REQUEST = `
local now = tonumber(ARGV[1])
local start = tonumber(redis.call('HGET', KEYS[1], 'start'))
if start == nil or now - start >= tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'start', ARGV[1], 'count', 1)
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {now, 1}
end
return {start, redis.call('HINCRBY', KEYS[1], 'count', 1)}`;

/** The memory store's tally rule (memory-store.ts), atomically; returns 1 when the client is now locked out. */
const RECORD_FAILURE = `
local now, max, period = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local tally = redis.call('HMGET', KEYS[1], 'since', 'count', 'lockedUntil')
local since, count, lockedUntil = tonumber(tally[1]), tonumber(tally[2]), tonumber(tally[3])
if since == nil or now - since >= period or (lockedUntil ~= 0 and lockedUntil <= now) then
  since, count, lockedUntil = now, 0, 0
end
count = count + 1
if count >= max then lockedUntil = now + period end
redis.call('HSET', KEYS[1], 'since', string.format('%d', since), 'count', count, 'lockedUntil', string.format('%d', lockedUntil))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if lockedUntil > now then return 1 end
return 0`;

/** The first instance to ask makes the secret; every later one reads it. */
const SESSION_SECRET = `
redis.call('SET', KEYS[1], ARGV[1], 'NX')
return redis.call('GET', KEYS[1])`;

const windowReply = z.tuple([z.number().int(), z.number().int()]);
const flagReply = z.union([z.literal(0), z.literal(1)]);
const lockedUntilReply = z.string().regex(/^\d+$/).transform(Number).nullable();
const secretReply = z.string().min(32, 'the session secret stored in Redis must be at least 32 characters');

/** Where a URL points, for messages: never its password. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 6379}`;
  } catch {
    return 'REDIS_URL';
  }
}

export interface RedisLimitStore extends LimitStore {
  /** Disconnects (tests; the process's own store lives as long as the process). */
  close(): void;
}

type Client = ReturnType<typeof createClient>;

/** A store on `url`; it connects on first use. */
export function openRedisLimitStore(url: string): RedisLimitStore {
  const where = describe(url);
  let down = false;
  let closed = false;

  /** A connection and the wait for it to be ready; node-redis reconnects it by itself after a drop. */
  function connect() {
    const client: Client = createClient({
      url,
      // While reconnecting, a command fails at once instead of waiting in a queue that grows with the outage.
      disableOfflineQueue: true,
      socket: { connectTimeout: OPERATION_TIMEOUT_MS, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 500) },
    });
    // node-redis reports every failed reconnect; one line per outage is enough. Without a listener an
    // 'error' event would end the process.
    client.on('error', (error: Error) => {
      if (!down) console.error(`Redis (${where}) for the rate limits is unreachable: ${error.message}. Requests that need a limit are answered 503 until it is back.`);
      down = true;
    });
    client.on('ready', () => {
      if (down) console.error(`Redis (${where}) for the rate limits is reachable again.`);
      down = false;
    });
    client.connect().catch(() => {}); // each failure reaches the 'error' listener
    let nextReady: Promise<void> | null = null;
    const ready = () =>
      (nextReady ??= new Promise<void>((resolve) =>
        client.once('ready', () => {
          nextReady = null;
          resolve();
        }),
      ));
    return { client, ready };
  }

  let connection: ReturnType<typeof connect> | null = null;

  /** Ends a connection that left a reply unanswered: a silent server (or a lost route) is not noticed otherwise for minutes. */
  function drop(silent: ReturnType<typeof connect>): void {
    if (connection !== silent) return;
    connection = null;
    if (!closed && !down) console.error(`Redis (${where}) for the rate limits did not answer within ${OPERATION_TIMEOUT_MS} ms; connecting again. Requests that need a limit are answered 503 until it answers.`);
    down ||= !closed;
    if (silent.client.isOpen) silent.client.destroy();
  }

  /** What `promise` settles to, or TIMED_OUT once `deadline` passes. */
  async function until<T>(deadline: number, promise: Promise<T>): Promise<T | typeof TIMED_OUT> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([promise, new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(resolve, deadline - Date.now(), TIMED_OUT)))]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** One command, in one round trip, within OPERATION_TIMEOUT_MS from the start (connecting included). */
  async function run<T>(args: string[], reply: z.ZodType<T>): Promise<T> {
    if (closed) throw new LimitsUnavailableError(`this connection to ${where} was closed`);
    const deadline = Date.now() + OPERATION_TIMEOUT_MS;
    const current = (connection ??= connect());
    if (!current.client.isReady && (await until(deadline, current.ready())) === TIMED_OUT) {
      throw new LimitsUnavailableError(`no connection to ${where} within ${OPERATION_TIMEOUT_MS} ms`);
    }
    const sent = current.client.sendCommand(args);
    sent.catch(() => {}); // a reply that comes after the deadline, or a failure after it, is not waited for
    let answer: unknown;
    try {
      answer = await until(deadline, sent);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new LimitsUnavailableError(`${where} did not answer ${args[0]} (${reason})`, { cause: error });
    }
    if (answer === TIMED_OUT) {
      drop(current);
      throw new LimitsUnavailableError(`${where} did not answer ${args[0]} within ${OPERATION_TIMEOUT_MS} ms`);
    }
    const parsed = reply.safeParse(answer);
    if (!parsed.success) throw new Error(`Redis (${where}) answered ${args[0]} with an unexpected reply: ${parsed.error.message}`);
    return parsed.data;
  }

  const script = <T>(source: string, key: string, args: (string | number)[], reply: z.ZodType<T>) =>
    run(['EVAL', source, '1', key, ...args.map(String)], reply);

  let secret: Buffer | undefined;

  return {
    kind: 'redis',
    async countRequest(key, limit, now) {
      const [start, count] = await script(COUNT_REQUEST, `${PREFIX}window:${key}`, [now, WINDOW_MS], windowReply);
      return count <= limit ? 0 : secondsUntil(start + WINDOW_MS, now);
    },
    async lockoutLeft(key, now) {
      const lockedUntil = await run(['HGET', `${PREFIX}failures:${key}`, 'lockedUntil'], lockedUntilReply);
      return lockedUntil === null || lockedUntil <= now ? 0 : secondsUntil(lockedUntil, now);
    },
    async recordFailure(key, { maxFailures, lockoutMs }: LockoutPolicy, now) {
      return (await script(RECORD_FAILURE, `${PREFIX}failures:${key}`, [now, maxFailures, lockoutMs], flagReply)) === 1;
    },
    async clearFailures(key) {
      await run(['DEL', `${PREFIX}failures:${key}`], z.number());
    },
    async sessionSecret() {
      // Read once per process: it never changes while the key exists.
      secret ??= Buffer.from(await script(SESSION_SECRET, SECRET_KEY, [randomBytes(32).toString('base64')], secretReply));
      return secret;
    },
    async ping() {
      await run(['PING'], z.literal('PONG'));
    },
    close() {
      closed = true;
      if (connection) drop(connection);
    },
  };
}
