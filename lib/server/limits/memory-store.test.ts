import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clientOf } from '../client-address';
import { limitStoreSuite } from './limit-store.suite';
import { BoundedTable, MemoryLimitStore, TABLE_CAPACITY } from './memory-store';

limitStoreSuite('memory', () => ({ store: new MemoryLimitStore(), close: () => {} }));

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
  it('40,000 spoofed 8 KB X-Forwarded-For entries from behind a trusted proxy: one short key, one table entry', async () => {
    const store = new MemoryLimitStore();
    const keys = new Set<string>();
    for (let i = 0; i < 40_000; i++) {
      const headers = new Headers({ 'x-forwarded-for': `${randomBytes(4).toString('hex')}${'z'.repeat(8000)}` });
      const { key } = clientOf(headers, 1);
      keys.add(key);
      await store.countRequest(key, 120, 0);
    }
    expect([...keys]).toEqual(['unparseable']);
    expect(store.windows.size).toBe(1);
  });

  it('as many real addresses as there are: at most TABLE_CAPACITY entries in each table', async () => {
    const store = new MemoryLimitStore();
    for (let i = 0; i < TABLE_CAPACITY + 5_000; i++) {
      const key = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      await store.countRequest(key, 120, 0);
      await store.recordFailure(key, { maxFailures: 10, lockoutMs: 60_000 }, 0);
    }
    expect([store.windows.size, store.failures.size]).toEqual([TABLE_CAPACITY, TABLE_CAPACITY]);
  });
});
