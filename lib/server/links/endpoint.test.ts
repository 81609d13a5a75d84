import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createdLinkSchema } from '@/lib/links/types';
import { resetServerEnvForTests } from '../env';
import { useLogDestinationForTests } from '../observe/logger';
import { answerCreateLink, answerReadLink } from './endpoint';
import { closeLinkStoreForTests, linkStore } from './store';

/** What the HTTP suite (test/support/links-suite.ts) cannot set up against a running build: no expiry cap, a broken storage. */
const root = mkdtempSync(path.join(tmpdir(), 'playground-link-endpoint-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => {
  vi.stubEnv('DATABASE_URL', '');
  vi.stubEnv('PLAYGROUND_DATA_DIR', path.join(root, 'data'));
  vi.stubEnv('PLAYGROUND_LINK_MAX_DAYS', '0');
  resetServerEnvForTests();
});
afterEach(async () => {
  vi.useRealTimers();
  await closeLinkStoreForTests();
  resetServerEnvForTests();
});

const post = (body: unknown) =>
  answerCreateLink(new Request('http://localhost/api/v1/links', { method: 'POST', headers: { host: 'localhost', 'content-type': 'application/json' }, body: JSON.stringify(body) }));
const ciphertext = () => randomBytes(64).toString('base64url');

describe('POST /api/v1/links without PLAYGROUND_LINK_MAX_DAYS', () => {
  it('keeps a link without an expiry until it is deleted, and takes any expiry asked for', async () => {
    const forever = createdLinkSchema.parse(await (await post({ ciphertext: ciphertext() })).json());
    expect(forever.expires_at).toBeNull();
    const read = await answerReadLink(new Request(`http://localhost/api/v1/links/${forever.id}`, { headers: { host: 'localhost' } }), forever.id);
    expect((await read.json()).expires_at).toBeNull();
    const year = createdLinkSchema.parse(await (await post({ ciphertext: ciphertext(), expires_in_days: 365 })).json());
    expect(Date.parse(year.expires_at!) - Date.now()).toBeGreaterThan(364 * 86_400_000);
  });
});

describe('purging', () => {
  it('deletes, on a create, links expired more than a week ago and keeps those expired since, which still answer 410', async () => {
    // A minute after the other cases' creates, which purged already (at most once a minute).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    const store = await linkStore();
    const day = 86_400_000;
    const old = { id: randomBytes(12).toString('base64url'), ciphertext: randomBytes(28), deleteTokenHash: 'a'.repeat(64), createdAt: 0, expiresAt: Date.now() - 8 * day };
    const recent = { ...old, id: randomBytes(12).toString('base64url'), expiresAt: Date.now() - day };
    await store.create(old);
    await store.create(recent);
    expect((await post({ ciphertext: ciphertext() })).status).toBe(201);
    await vi.waitFor(async () => expect(await store.read(old.id, Date.now())).toEqual({ kind: 'missing' }));
    expect(await store.read(recent.id, Date.now())).toEqual({ kind: 'expired', expiresAt: recent.expiresAt });
  });
});

describe('a storage that cannot be opened', () => {
  it('answers 503 storage_unavailable saying what to do, without the cause or a stack', async () => {
    const blocker = path.join(root, 'blocker');
    writeFileSync(blocker, '');
    vi.stubEnv('PLAYGROUND_DATA_DIR', path.join(blocker, 'data'));
    resetServerEnvForTests();
    const logged: string[] = [];
    useLogDestinationForTests({ write: (line: string) => logged.push(line) });
    const response = await post({ ciphertext: ciphertext() });
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text).error).toMatchObject({ code: 'storage_unavailable', message: expect.stringMatching(/Try again/) });
    expect(text).not.toMatch(/blocker|ENOTDIR|at \w+ \(/);
    expect(logged.join('')).toMatch(/short-link storage failed.*Cannot open the short-link database|Cannot open the short-link database.*short-link storage failed/);
  });
});
