import 'server-only';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PURGE_BATCH, type LinkRecord, type LinkStore } from './link-store';

/**
 * The behaviour every LinkStore has, one suite run against each implementation (sqlite-store.test.ts,
 * postgres-store.test.ts). `open` opens the same storage each time it is called (reopening applies
 * the migrations again, which must change nothing).
 */
const NOW = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

function aLink(overrides: Partial<LinkRecord> = {}): LinkRecord {
  return {
    id: randomBytes(12).toString('base64url'),
    ciphertext: randomBytes(64),
    deleteTokenHash: randomBytes(32).toString('hex'),
    createdAt: NOW,
    expiresAt: null,
    ...overrides,
  };
}

export function describeLinkStore(name: string, open: () => Promise<LinkStore>): void {
  describe(`LinkStore: ${name}`, () => {
    let store: LinkStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('reads back what was created, field for field', async () => {
      const link = aLink({ expiresAt: NOW + 7 * DAY });
      await store.create(link);
      expect(await store.read(link.id, NOW + 1)).toEqual({ kind: 'found', link });
    });

    it('keeps a link without expiry for ever', async () => {
      const link = aLink();
      await store.create(link);
      expect(await store.read(link.id, NOW + 100 * 365 * DAY)).toEqual({ kind: 'found', link });
    });

    it('reads an id it never had as missing', async () => {
      expect(await store.read('nevermadeXXXXXXX', NOW)).toEqual({ kind: 'missing' });
    });

    it('reads a link as expired from its expiry on, never as found', async () => {
      const link = aLink({ expiresAt: NOW + DAY });
      await store.create(link);
      expect((await store.read(link.id, NOW + DAY - 1)).kind).toBe('found');
      expect(await store.read(link.id, NOW + DAY)).toEqual({ kind: 'expired', expiresAt: link.expiresAt });
    });

    it('removes a link only with its own delete token hash', async () => {
      const link = aLink();
      await store.create(link);
      expect(await store.remove(link.id, randomBytes(32).toString('hex'))).toBe('refused');
      expect((await store.read(link.id, NOW)).kind).toBe('found');
      expect(await store.remove(link.id, link.deleteTokenHash)).toBe('deleted');
      expect(await store.read(link.id, NOW)).toEqual({ kind: 'missing' });
      expect(await store.remove(link.id, link.deleteTokenHash)).toBe('missing');
    });

    it('refuses a second link with an id already used, keeping the first', async () => {
      const first = aLink();
      await store.create(first);
      await expect(store.create({ ...aLink(), id: first.id })).rejects.toThrow();
      expect(await store.read(first.id, NOW)).toEqual({ kind: 'found', link: first });
    });

    it('purges the links expired at the time given, and only those', async () => {
      await store.purgeExpired(Number.MAX_SAFE_INTEGER - 1); // earlier tests' expired links
      const gone = aLink({ expiresAt: NOW + DAY });
      const later = aLink({ expiresAt: NOW + 3 * DAY });
      const never = aLink();
      for (const link of [gone, later, never]) await store.create(link);
      expect(await store.purgeExpired(NOW + 2 * DAY)).toBe(1);
      expect(await store.read(gone.id, NOW)).toEqual({ kind: 'missing' });
      expect((await store.read(later.id, NOW)).kind).toBe('found');
      expect((await store.read(never.id, NOW)).kind).toBe('found');
      expect(await store.purgeExpired(NOW + 2 * DAY)).toBe(0);
    });

    it(`purges at most ${PURGE_BATCH} links a call`, async () => {
      const expired = Array.from({ length: PURGE_BATCH + 5 }, () => aLink({ expiresAt: NOW, ciphertext: Buffer.alloc(28) }));
      for (const link of expired) await store.create(link);
      expect(await store.purgeExpired(NOW + 1)).toBe(PURGE_BATCH);
      expect(await store.purgeExpired(NOW + 1)).toBe(5);
    });

    it('returns a large ciphertext byte for byte', async () => {
      const link = aLink({ ciphertext: randomBytes(2 * 1024 * 1024) });
      await store.create(link);
      const read = await store.read(link.id, NOW);
      expect(read.kind === 'found' && Buffer.compare(read.link.ciphertext, link.ciphertext)).toBe(0);
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('opens again over its own schema without changing it or the links', async () => {
      const link = aLink();
      await store.create(link);
      const again = await open();
      try {
        expect(await again.read(link.id, NOW)).toEqual({ kind: 'found', link });
      } finally {
        await again.close();
      }
    });
  });
}
