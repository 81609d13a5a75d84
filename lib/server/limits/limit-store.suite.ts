import 'server-only';
/**
 * The behaviour every LimitStore has (memory-store.test.ts and redis-store.test.ts run it): time is
 * the caller's `now`, so the suite drives it for both. Keys are fresh per test, so a store that
 * outlives one test (Redis) starts each on empty counters.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { LimitStore } from './limit-store';

export interface OpenedStore {
  store: LimitStore;
  close(): Promise<void> | void;
}

export function limitStoreSuite(name: string, open: () => Promise<OpenedStore> | OpenedStore): void {
  describe(`the ${name} limit store`, () => {
    const opened: OpenedStore[] = [];
    const store = async () => {
      const one = await open();
      opened.push(one);
      return one.store;
    };
    const key = () => `10.0.${randomUUID().slice(0, 8)}`;
    afterEach(async () => {
      for (const one of opened.splice(0)) await one.close();
    });

    it('counts requests in fixed one-minute windows: 0 up to the limit, then the seconds left, then a new window', async () => {
      const limits = await store();
      const [a, b] = [key(), key()];
      expect([await limits.countRequest(a, 2, 0), await limits.countRequest(a, 2, 1_000), await limits.countRequest(a, 2, 30_000)]).toEqual([0, 0, 30]);
      expect(await limits.countRequest(a, 2, 59_001)).toBe(1);
      expect(await limits.countRequest(b, 2, 30_000)).toBe(0);
      expect(await limits.countRequest(a, 2, 60_000)).toBe(0);
      // The new window started at 60 s: it is full again after two more, and ends at 120 s.
      expect([await limits.countRequest(a, 2, 61_000), await limits.countRequest(a, 2, 100_500)]).toEqual([0, 20]);
    });

    it('keeps separate keys apart', async () => {
      const limits = await store();
      const [a, b] = [key(), key()];
      for (let i = 0; i < 3; i++) await limits.countRequest(a, 3, i);
      expect([await limits.countRequest(a, 3, 10), await limits.countRequest(b, 3, 10)]).toEqual([60, 0]);
    });

    it('counts 200 requests sent at once exactly (each count is atomic)', async () => {
      const limits = await store();
      const a = key();
      const answers = await Promise.all(Array.from({ length: 200 }, () => limits.countRequest(a, 150, 5_000)));
      expect(answers.filter((seconds) => seconds === 0)).toHaveLength(150);
      expect(new Set(answers.filter((seconds) => seconds !== 0))).toEqual(new Set([60]));
    });

    describe('the lockout', () => {
      const policy = { maxFailures: 3, lockoutMs: 10_000 };

      it('locks a client out on its Nth wrong token, for the lockout period', async () => {
        const limits = await store();
        const [a, b] = [key(), key()];
        expect([await limits.recordFailure(a, policy, 0), await limits.recordFailure(a, policy, 1), await limits.recordFailure(a, policy, 2)]).toEqual([false, false, true]);
        const left = [await limits.lockoutLeft(a, 2), await limits.lockoutLeft(a, 9_000), await limits.lockoutLeft(a, 10_002), await limits.lockoutLeft(b, 2)];
        expect(left).toEqual([10, 2, 0, 0]);
      });

      it('starts a new tally after a lockout ends, after a right token, or once the first failure is a lockout period old', async () => {
        const limits = await store();
        const [a, b, c] = [key(), key(), key()];
        for (let i = 0; i < 3; i++) await limits.recordFailure(a, policy, 0);
        expect(await limits.recordFailure(a, policy, 10_000)).toBe(false);
        expect(await limits.lockoutLeft(a, 10_000)).toBe(0);
        await limits.recordFailure(b, policy, 0);
        await limits.recordFailure(b, policy, 1);
        await limits.clearFailures(b);
        expect(await limits.recordFailure(b, policy, 2)).toBe(false);
        expect(await limits.recordFailure(b, policy, 3)).toBe(false);
        await limits.recordFailure(c, policy, 0);
        await limits.recordFailure(c, policy, 1);
        expect(await limits.recordFailure(c, policy, 10_000)).toBe(false);
        expect(await limits.recordFailure(c, policy, 10_001)).toBe(false);
        expect(await limits.recordFailure(c, policy, 10_002)).toBe(true);
      });

      it('counts wrong tokens sent at once exactly', async () => {
        const limits = await store();
        const a = key();
        const locked = await Promise.all(Array.from({ length: 50 }, () => limits.recordFailure(a, { maxFailures: 50, lockoutMs: 10_000 }, 0)));
        expect(locked.filter(Boolean)).toHaveLength(1);
        expect(await limits.lockoutLeft(a, 0)).toBe(10);
      });
    });

    it('makes one session secret per store: shared by stores on the same Redis, per store in memory', async () => {
      const [first, second] = [await store(), await store()];
      const secret = await first.sessionSecret();
      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect(await first.sessionSecret()).toEqual(secret);
      expect((await second.sessionSecret()).equals(secret)).toBe(first.kind === 'redis');
    });

    it('answers a ping', async () => {
      await expect((await store()).ping()).resolves.toBeUndefined();
    });
  });
}
