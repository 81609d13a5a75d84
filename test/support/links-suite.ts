/**
 * The short links API over HTTP against the production build, one suite run against each storage
 * (test/links-sqlite.test.ts, test/links-postgres.test.ts). The server sees only ciphertext, so random
 * bytes stand for an encrypted scenario; each case creates from a loopback address of its own
 * (127.0.0.N), so that the creation limit counts only its own requests.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './app';
import { JSON_TYPE, raw, type RawResponse } from './raw';

/** Where the app under test keeps its links, and a way round the API to its rows. */
export interface LinkStorage {
  /** The app's environment naming the storage (PLAYGROUND_DATA_DIR or DATABASE_URL). */
  env: Record<string, string>;
  /** The ciphertext column of the link's row, as stored; null when there is no row. */
  storedCiphertext(id: string): Promise<Buffer | null>;
  /** Moves the link's expiry into the past. */
  expire(id: string): Promise<void>;
  close(): Promise<void>;
}

const TOKEN = 'links-suite-token-7d2e';
const MAX_BYTES = 256 * 1024;
const MAX_DAYS = 30;
const PER_MINUTE = 3;
const DAY_MS = 86_400_000;

export function describeLinksApi(name: string, openStorage: () => Promise<LinkStorage>): void {
  describe(`short links over HTTP, kept in ${name}`, () => {
    let storage: LinkStorage;
    let app: RunningApp;
    let lastClient = 1;
    /** A loopback address no earlier case used: a client with its whole creation budget. */
    const freshClient = () => `127.0.0.${++lastClient}`;

    beforeAll(async () => {
      storage = await openStorage();
      app = await startApp({
        ...storage.env,
        PLAYGROUND_ACCESS_TOKEN: TOKEN,
        PLAYGROUND_LINK_MAX_BYTES: String(MAX_BYTES),
        PLAYGROUND_LINK_MAX_DAYS: String(MAX_DAYS),
        PLAYGROUND_LINKS_PER_MINUTE: String(PER_MINUTE),
      });
    });
    afterAll(async () => {
      await app?.stop();
      await storage?.close();
    });

    const bearer = { authorization: `Bearer ${TOKEN}` };
    const create = (body: unknown, { from = freshClient(), headers = {} }: { from?: string; headers?: Record<string, string> } = {}) =>
      raw(`${app.url}/api/v1/links`, { method: 'POST', headers: { ...JSON_TYPE, ...bearer, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body), from });
    const read = (id: string, headers: Record<string, string> = bearer) => raw(`${app.url}/api/v1/links/${id}`, { headers });
    const remove = (id: string, headers: Record<string, string>) => raw(`${app.url}/api/v1/links/${id}`, { method: 'DELETE', headers: { ...bearer, ...headers } });
    const json = (response: RawResponse) => JSON.parse(response.text);
    const code = (response: RawResponse) => [response.status, json(response).error?.code];
    const sealed = (bytes: number) => randomBytes(bytes);

    async function created(ciphertext: Buffer = sealed(200), extra: Record<string, unknown> = {}) {
      const response = await create({ ciphertext: ciphertext.toString('base64url'), ...extra });
      expect(response.status, response.text).toBe(201);
      return json(response) as { id: string; delete_token: string; expires_at: string | null; bytes: number };
    }

    it('stores exactly the ciphertext sent and gives it back byte for byte, uncached', async () => {
      const ciphertext = sealed(MAX_BYTES);
      const response = await create({ ciphertext: ciphertext.toString('base64url'), expires_in_days: 7 });
      expect(response.status, response.text).toBe(201);
      expect(response.headers['cache-control']).toBe('no-store');
      const link = json(response);
      expect(link).toMatchObject({ id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/), delete_token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/), bytes: MAX_BYTES });
      expect(Math.abs(Date.parse(link.expires_at) - (Date.now() + 7 * DAY_MS))).toBeLessThan(60_000);
      const stored = await storage.storedCiphertext(link.id);
      expect(stored && Buffer.compare(stored, ciphertext)).toBe(0);
      const got = await read(link.id);
      expect(got.status).toBe(200);
      expect(got.headers['cache-control']).toBe('private, no-store');
      const body = json(got);
      expect(body).toMatchObject({ id: link.id, expires_at: link.expires_at });
      expect(Buffer.compare(Buffer.from(body.ciphertext, 'base64url'), ciphertext)).toBe(0);
    });

    it(`gives a link without an expiry the longest life this server allows (${MAX_DAYS} days), and refuses a longer one naming it`, async () => {
      const link = await created();
      expect(Math.abs(Date.parse(link.expires_at!) - (Date.now() + MAX_DAYS * DAY_MS))).toBeLessThan(60_000);
      const longer = await create({ ciphertext: sealed(64).toString('base64url'), expires_in_days: MAX_DAYS + 1 });
      expect(longer.status).toBe(400);
      expect(json(longer).error.message).toContain(`at most ${MAX_DAYS} days`);
    });

    it('answers 404 link_not_found for an id never made, and for one that is not an id at all', async () => {
      const missing = await read(randomBytes(12).toString('base64url'));
      expect(code(missing)).toEqual([404, 'link_not_found']);
      expect(json(missing).error.message).toMatch(/does not exist/);
      expect(code(await read('not-an-id'))).toEqual([404, 'link_not_found']);
    });

    it('answers 410 link_expired once a link has expired', async () => {
      const link = await created();
      await storage.expire(link.id);
      const expired = await read(link.id);
      expect(code(expired)).toEqual([410, 'link_expired']);
      expect(json(expired).error.message).toMatch(/expired on \d{4}-\d{2}-\d{2}/);
    });

    it('deletes a link only with its own delete token: 403, then 204, then 404', async () => {
      const link = await created();
      expect(code(await remove(link.id, { 'x-delete-token': randomBytes(24).toString('base64url') }))).toEqual([403, 'link_delete_refused']);
      expect((await read(link.id)).status).toBe(200);
      expect((await remove(link.id, {})).status).toBe(400);
      expect((await remove(link.id, { 'x-delete-token': link.delete_token })).status).toBe(204);
      expect(await storage.storedCiphertext(link.id)).toBeNull();
      expect(code(await read(link.id))).toEqual([404, 'link_not_found']);
      expect(code(await remove(link.id, { 'x-delete-token': link.delete_token }))).toEqual([404, 'link_not_found']);
    });

    it('refuses a ciphertext over the cap with 413 link_too_large, saying the size, the cap and to export a file', async () => {
      const over = await create({ ciphertext: sealed(MAX_BYTES + 1).toString('base64url') });
      expect(code(over)).toEqual([413, 'link_too_large']);
      expect(json(over).error.message).toContain(`${MAX_BYTES + 1} bytes`);
      expect(json(over).error.message).toContain(`at most ${MAX_BYTES} bytes`);
      expect(json(over).error.message).toMatch(/Export/);
      const farOver = await create({ ciphertext: sealed(4 * MAX_BYTES).toString('base64url') });
      expect(code(farOver)).toEqual([413, 'link_too_large']);
    });

    it('refuses what cannot be an AES-GCM message: not base64url, or shorter than its IV and tag', async () => {
      expect((await create({ ciphertext: 'not base64!' })).status).toBe(400);
      expect(code(await create({ ciphertext: 'A'.repeat(41) }))).toEqual([400, 'invalid_ciphertext']); // 41 characters decode to no whole bytes
      const short = await create({ ciphertext: sealed(27).toString('base64url') });
      expect(code(short)).toEqual([400, 'invalid_ciphertext']);
      expect((await create({ ciphertext: sealed(28).toString('base64url') })).status).toBe(201);
      expect((await create('{"ciphertext": ')).status).toBe(400);
    });

    it("refuses another site's page: a cross-site POST or DELETE", async () => {
      const crossSite = { origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' };
      expect(code(await create({ ciphertext: sealed(64).toString('base64url') }, { headers: crossSite }))).toEqual([403, 'cross_site_request']);
      const link = await created();
      expect(code(await remove(link.id, { ...crossSite, 'x-delete-token': link.delete_token }))).toEqual([403, 'cross_site_request']);
      expect((await read(link.id)).status).toBe(200);
    });

    it('needs the access token: 401 without it, to create, read or delete', async () => {
      const link = await created();
      const noToken = { ...JSON_TYPE };
      const post = await raw(`${app.url}/api/v1/links`, { method: 'POST', headers: noToken, body: JSON.stringify({ ciphertext: sealed(64).toString('base64url') }), from: freshClient() });
      expect(code(post)).toEqual([401, 'access_token_required']);
      expect(code(await read(link.id, {}))).toEqual([401, 'access_token_required']);
      const del = await raw(`${app.url}/api/v1/links/${link.id}`, { method: 'DELETE', headers: { 'x-delete-token': link.delete_token } });
      expect(code(del)).toEqual([401, 'access_token_required']);
      expect((await read(link.id)).status).toBe(200);
    });

    it(`limits creation to ${PER_MINUTE} links a minute per client`, async () => {
      const from = freshClient();
      const body = () => ({ ciphertext: sealed(64).toString('base64url') });
      for (let i = 0; i < PER_MINUTE; i++) expect((await create(body(), { from })).status).toBe(201);
      const over = await create(body(), { from });
      expect(code(over)).toEqual([429, 'rate_limited']);
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect((await create(body())).status).toBe(201); // another client's budget is its own
    });
  });
}
