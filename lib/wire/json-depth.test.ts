import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './json-depth';

const nested = (depth: number) => JSON.parse(`${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`);

describe('nestedDeeperThan', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(nestedDeeperThan('x', 0)).toBe(false);
    expect(nestedDeeperThan({}, 0)).toBe(true);
    expect(nestedDeeperThan({ a: 1, b: [] }, 1)).toBe(true);
    expect(nestedDeeperThan({ a: 1, b: 'x' }, 1)).toBe(false);
    expect(nestedDeeperThan(nested(32), 64)).toBe(false); // 32 objects + 32 arrays
    expect(nestedDeeperThan(nested(33), 64)).toBe(true);
  });

  it('answers for 100,000 levels without overflowing the stack', () => {
    expect(nestedDeeperThan(nested(50_000), MAX_JSON_DEPTH)).toBe(true);
    expect(nestedDeeperThan([...Array.from({ length: 10_000 }, () => ({ a: 1 })), nested(40)])).toBe(true);
  });
});
