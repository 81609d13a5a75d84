import 'server-only';

/**
 * Per-client counters behind the rate limits and the access-token lockout, and the secret that signs
 * access sessions: in this process's memory (memory-store.ts), or in Redis when REDIS_URL is set
 * (redis-store.ts), so that every instance behind a load balancer counts the same client together and
 * accepts the same sessions. Each operation is one round trip; the behaviour of both is the same
 * (one suite runs against both).
 */
export interface LockoutPolicy {
  maxFailures: number;
  lockoutMs: number;
}

export interface LimitStore {
  readonly kind: 'memory' | 'redis';
  /** Counts one request in `key`'s fixed one-minute window; the seconds to wait when it is over `limit`, else 0. */
  countRequest(key: string, limit: number, now: number): Promise<number>;
  /** The seconds left of the client's lockout, or 0 when it is not locked out. */
  lockoutLeft(key: string, now: number): Promise<number>;
  /** Counts one wrong token; true when that one locks the client out. */
  recordFailure(key: string, policy: LockoutPolicy, now: number): Promise<boolean>;
  /** A right token from a client that is not locked out: its tally starts again. */
  clearFailures(key: string): Promise<void>;
  /** The secret that signs session cookies when PLAYGROUND_SESSION_SECRET is unset: made once, shared by every instance using the store. */
  sessionSecret(): Promise<Buffer>;
  /** Throws when the store cannot be reached (for /api/ready). */
  ping(): Promise<void>;
}

/** A rate window's length: fixed one-minute windows, each starting at its first request. */
export const WINDOW_MS = 60_000;

/** Whole seconds until `until`, at least 1 (what a Retry-After says while something still holds). */
export function secondsUntil(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 1000));
}

/**
 * The store could not be reached or did not answer in time (Redis down, restarting, unreachable).
 * Limits fail closed: access.ts answers 503 rather than serve a request it cannot count.
 */
export class LimitsUnavailableError extends Error {
  constructor(reason: string, options?: ErrorOptions) {
    super(`The rate-limit store (Redis) cannot be reached: ${reason}`, options);
    this.name = 'LimitsUnavailableError';
  }
}
