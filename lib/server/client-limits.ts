import 'server-only';

/**
 * Per-client counters in fixed memory (finding 5): the chat rate limit's one-minute windows and the
 * tally of wrong access tokens behind the lockout (finding 3). Keys are `Client.key`s (at most 45
 * characters, client-address.ts) and each table holds at most TABLE_CAPACITY of them, so whatever
 * clients send, the two tables stay under a few MB and every operation is O(1).
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

/** One set of tables per process, shared by every route bundle (and kept across dev reloads). */
const STATE = Symbol.for('function-calling-playground/client-limits');
type Tables = { windows: BoundedTable<Window>; failures: BoundedTable<Failures> };

export function tables(): Tables {
  const global = globalThis as { [STATE]?: Tables };
  global[STATE] ??= { windows: new BoundedTable(), failures: new BoundedTable() };
  return global[STATE];
}

export function resetClientLimitsForTests(): void {
  delete (globalThis as { [STATE]?: Tables })[STATE];
}

/** Counts one request in the client's fixed one-minute window; the seconds to wait when it is over `limit`, else 0. */
export function countRequest(key: string, limit: number, now: number): number {
  const { windows } = tables();
  let window = windows.get(key);
  if (!window || now - window.start >= 60_000) {
    window = { start: now, count: 0 };
    windows.set(key, window);
  }
  window.count += 1;
  if (window.count <= limit) return 0;
  return Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000));
}

export interface LockoutPolicy {
  maxFailures: number;
  lockoutMs: number;
}

/** The seconds left of the client's lockout, or 0 when it is not locked out. */
export function lockoutLeft(key: string, now: number): number {
  const failures = tables().failures.get(key);
  if (!failures || failures.lockedUntil <= now) return 0;
  return Math.max(1, Math.ceil((failures.lockedUntil - now) / 1000));
}

/** Counts one wrong token; true when that one locks the client out. */
export function recordFailure(key: string, { maxFailures, lockoutMs }: LockoutPolicy, now: number): boolean {
  const { failures } = tables();
  let tally = failures.get(key);
  if (!tally || now - tally.since >= lockoutMs || (tally.lockedUntil !== 0 && tally.lockedUntil <= now)) {
    tally = { since: now, count: 0, lockedUntil: 0 };
  }
  tally.count += 1;
  if (tally.count >= maxFailures) tally.lockedUntil = now + lockoutMs;
  failures.set(key, tally);
  return tally.lockedUntil > now;
}

/** A right token from a client that is not locked out: its tally starts again. */
export function clearFailures(key: string): void {
  tables().failures.delete(key);
}
