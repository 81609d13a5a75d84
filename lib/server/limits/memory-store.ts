import 'server-only';
import { randomBytes } from 'node:crypto';
import { secondsUntil, WINDOW_MS, type LimitStore, type LockoutPolicy } from './limit-store';

/**
 * The limits in this process's memory (no REDIS_URL), in fixed memory (finding 5): keys are
 * `Client.key`s (at most 45 characters, client-address.ts, with a short budget prefix) and each table
 * holds at most TABLE_CAPACITY of them, so whatever clients send, the two tables stay under a few MB
 * and every operation is O(1). Each instance counts alone: behind a load balancer use Redis.
 */
export const TABLE_CAPACITY = 10_000;

/**
 * A Map with a fixed capacity. Past it, the entry used longest ago goes: a Map iterates in insertion
 * order, and an entry is re-inserted whenever it is read or written. Evicting a rate window only
 * forgets a client's count; evicting a lockout needs 10,000 other addresses, which already are 10,000
 * clients' worth of attempts.
 */
export class BoundedTable<V> {
  private readonly entries = new Map<string, V>();
  constructor(readonly capacity: number = TABLE_CAPACITY) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

interface Window {
  start: number;
  count: number;
}

interface Failures {
  /** When the first failure of this tally happened; a tally older than the lockout period starts again. */
  since: number;
  count: number;
  lockedUntil: number;
}

export class MemoryLimitStore implements LimitStore {
  readonly kind = 'memory';
  readonly windows = new BoundedTable<Window>();
  readonly failures = new BoundedTable<Failures>();
  /** Made with the store, so per process (store.ts keeps one per process): a restart ends every session. */
  private readonly secret = randomBytes(32);

  async countRequest(key: string, limit: number, now: number): Promise<number> {
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count <= limit ? 0 : secondsUntil(window.start + WINDOW_MS, now);
  }

  async lockoutLeft(key: string, now: number): Promise<number> {
    const tally = this.failures.get(key);
    return !tally || tally.lockedUntil <= now ? 0 : secondsUntil(tally.lockedUntil, now);
  }

  async recordFailure(key: string, { maxFailures, lockoutMs }: LockoutPolicy, now: number): Promise<boolean> {
    let tally = this.failures.get(key);
    if (!tally || now - tally.since >= lockoutMs || (tally.lockedUntil !== 0 && tally.lockedUntil <= now)) {
      tally = { since: now, count: 0, lockedUntil: 0 };
    }
    tally.count += 1;
    if (tally.count >= maxFailures) tally.lockedUntil = now + lockoutMs;
    this.failures.set(key, tally);
    return tally.lockedUntil > now;
  }

  async clearFailures(key: string): Promise<void> {
    this.failures.delete(key);
  }

  async sessionSecret(): Promise<Buffer> {
    return this.secret;
  }

  async ping(): Promise<void> {}
}
