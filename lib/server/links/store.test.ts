import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { resetServerEnvForTests } from '../env';
import { closeLinkStoreForTests, linkStore } from './store';

const root = mkdtempSync(path.join(tmpdir(), 'playground-link-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(async () => {
  await closeLinkStoreForTests();
  resetServerEnvForTests();
});

function useDataDir(dir: string) {
  vi.stubEnv('DATABASE_URL', '');
  vi.stubEnv('PLAYGROUND_DATA_DIR', dir);
  resetServerEnvForTests();
}

describe('linkStore', () => {
  it('is SQLite without DATABASE_URL, one store for the whole process (every bundle of this module)', async () => {
    useDataDir(path.join(root, 'one'));
    const store = await linkStore();
    expect(store.kind).toBe('sqlite');
    expect(await linkStore()).toBe(store);
    expect(await (globalThis as Record<symbol, unknown>)[Symbol.for('function-calling-playground/link-store')]).toBe(store);
  });

  it('tries again after a failed open, so storage that comes up later is used', async () => {
    const blocker = path.join(root, 'blocker');
    writeFileSync(blocker, '');
    useDataDir(path.join(blocker, 'data'));
    await expect(linkStore()).rejects.toThrow(/Cannot open the short-link database/);
    rmSync(blocker);
    const store = await linkStore();
    await expect(store.ping()).resolves.toBeUndefined();
  });
});
