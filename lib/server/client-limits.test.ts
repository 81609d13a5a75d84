import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { clientOf } from './client-address';
import { BoundedTable, clearFailures, countRequest, lockoutLeft, recordFailure, resetClientLimitsForTests, TABLE_CAPACITY, tables } from './client-limits';

beforeEach(() => resetClientLimitsForTests());

describe('BoundedTable', () => {
  it('never holds more than its capacity, dropping the entry used longest ago', () => {
    const table = new BoundedTable<number>(3);
    for (const key of ['a', 'b', 'c']) table.set(key, 1);
    table.get('a');
    table.set('d', 1);
    expect([table.size, table.get('b'), table.get('a'), table.get('d')]).toEqual([3, undefined, 1, 1]);
  });
});

describe('fixed memory whatever clients send (finding 5)', () => {
  it('40,000 spoofed 8 KB X-Forwarded-For entries from behind a trusted proxy: one short key, one table entry', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 40_000; i++) {
      const headers = new Headers({ 'x-forwarded-for': `${randomBytes(4).toString('hex')}${'z'.repeat(8000)}` });
      const { key } = clientOf(headers, 1);
      keys.add(key);
      countRequest(key, 120, 0);
    }
    expect([...keys]).toEqual(['unparseable']);
    expect(tables().windows.size).toBe(1);
  });

  it('as many real addresses as there are: at most TABLE_CAPACITY entries in each table', () => {
    for (let i = 0; i < TABLE_CAPACITY + 5_000; i++) {
      const key = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      countRequest(key, 120, 0);
      recordFailure(key, { maxFailures: 10, lockoutMs: 60_000 }, 0);
    }
    expect([tables().windows.size, tables().failures.size]).toEqual([TABLE_CAPACITY, TABLE_CAPACITY]);
  });
});

describe('countRequest: fixed one-minute windows', () => {
  it('answers 0 up to the limit, then the seconds left of the window, then starts again', () => {
    expect([countRequest('a', 2, 0), countRequest('a', 2, 1_000), countRequest('a', 2, 30_000)]).toEqual([0, 0, 30]);
    expect(countRequest('b', 2, 30_000)).toBe(0);
    expect(countRequest('a', 2, 60_000)).toBe(0);
  });
});

describe('the lockout (finding 3)', () => {
  const policy = { maxFailures: 3, lockoutMs: 10_000 };

  it('locks a client out on its Nth wrong token, for the lockout period', () => {
    expect([recordFailure('a', policy, 0), recordFailure('a', policy, 1), recordFailure('a', policy, 2)]).toEqual([false, false, true]);
    expect([lockoutLeft('a', 2), lockoutLeft('a', 9_000), lockoutLeft('a', 10_002), lockoutLeft('b', 2)]).toEqual([10, 2, 0, 0]);
  });

  it('starts a new tally after a lockout ends, after a right token, or once the first failure is a lockout period old', () => {
    for (let i = 0; i < 3; i++) recordFailure('a', policy, 0);
    expect(recordFailure('a', policy, 10_000)).toBe(false);
    recordFailure('b', policy, 0);
    recordFailure('b', policy, 1);
    clearFailures('b');
    expect(recordFailure('b', policy, 2)).toBe(false);
    recordFailure('c', policy, 0);
    recordFailure('c', policy, 1);
    expect(recordFailure('c', policy, 10_000)).toBe(false);
  });
});
