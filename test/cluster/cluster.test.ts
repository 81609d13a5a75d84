/**
 * The deployment of compose.yaml on loopback, from Debian's packages (`npm run test:cluster`, after a
 * build): two standalone servers (what the Dockerfile runs) behind nginx (deploy/nginx.conf), sharing
 * one PostgreSQL and one Redis. No instance keeps state of its own, so whichever serves a request
 * answers the same: a short link made through one opens through the other, the rate limit counts
 * across both, and when one dies mid-load the streams it was serving end in the error the page shows
 * while the other serves every new request.
 *
 * Which instance served a request is read from nginx's access log (test/services/nginx.ts), by the
 * X-Request-Id each request is sent with.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdLinkSchema, storedLinkSchema } from '@/lib/links/types';
import { buildChatRequest, CHAT_URL, isChatError, streamChat, type StreamResult } from '@/lib/wire/chat-client';
import { standaloneFolder, startStandalone, type RunningApp } from '../support/app';
import { servedRequests, startNginx, type RunningNginx } from '../services/nginx';
import { startPostgres } from '../services/postgres';
import { startRedis } from '../services/redis';

/** Chat requests per client per minute on the second pair, the one the limit case runs on. */
const LIMIT = 5;
/** Streams running through nginx when instance A is killed, and requests sent after. */
const IN_FLIGHT = 20;
const AFTER_KILL = 30;
/** The simulator's pause between chunks: its ~19 chunks then last about 4 s, time enough to kill A mid-stream. */
const CHUNK_DELAY_MS = 200;

const stops: (() => Promise<void>)[] = [];
let a: RunningApp, b: RunningApp, nginx: RunningNginx;
let limitedA: RunningApp, limitedB: RunningApp, limitedNginx: RunningNginx;

/**
 * Starts services side by side; each one that starts is stopped after, whatever failed (each runs in a
 * process group of its own). Waits for all before throwing, so that none starts after the clean-up.
 */
async function startAll<T extends { stop: () => Promise<void> }>(services: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(services);
  for (const result of settled) if (result.status === 'fulfilled') stops.push(() => result.value.stop());
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<T>).value);
}

const upstreamOf = (app: RunningApp) => new URL(app.url).host;

beforeAll(async () => {
  const [postgres, redis] = await startAll<{ url: string; stop: () => Promise<void> }>([startPostgres(), startRedis()]);
  const shared = { DATABASE_URL: postgres.url, PLAYGROUND_TRUST_PROXY: '1' };
  // The kill case sends 50 chats from one address: this pair counts none.
  const main = { ...shared, REDIS_URL: redis.url, PLAYGROUND_RATE_LIMIT_PER_MINUTE: '0', SIMULATOR_CHUNK_DELAY_MS: String(CHUNK_DELAY_MS) };
  // Redis database 1: this pair's counts start at zero, whatever ran before.
  const limited = { ...shared, REDIS_URL: `${redis.url}/1`, PLAYGROUND_RATE_LIMIT_PER_MINUTE: String(LIMIT) };
  // A copy outside the checkout, as the image holds it: a file the build did not trace cannot be found
  // in the checkout's node_modules instead.
  const folder = mkdtempSync(join(tmpdir(), 'playground-standalone-'));
  stops.push(async () => rmSync(folder, { recursive: true, force: true }));
  cpSync(standaloneFolder(), folder, { recursive: true, verbatimSymlinks: true });
  [a, b, limitedA, limitedB] = await startAll([main, main, limited, limited].map((env) => startStandalone(env, folder)));
  [nginx, limitedNginx] = await startAll([startNginx({ upstreams: [a, b].map(upstreamOf) }), startNginx({ upstreams: [limitedA, limitedB].map(upstreamOf) })]);
});

afterAll(async () => {
  // Last started, first stopped (the instances before the folder they run from), each whatever the others did.
  for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(error));
});

/** A chat as the page sends and reads it (lib/wire/chat-client), tagged with a request id. */
function pageChat(baseUrl: string, requestId: string, onChunk?: () => void): Promise<StreamResult> {
  const settings = { model: 'offline-simulator', tools: [], tool_choice: 'auto' as const, parallel_tool_calls: true, temperature: null, max_tokens: null };
  return streamChat(buildChatRequest(settings, [{ role: 'user', content: 'Tell me about the weather in Paris' }]), {
    url: `${baseUrl}${CHAT_URL}`,
    fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), 'x-request-id': requestId } }),
    onChunk,
  });
}

/** An onChunk callback; `seen` gets a promise that settles at its first call. */
function chunkSeen(seen: Promise<void>[]): () => void {
  let resolve!: () => void;
  seen.push(new Promise<void>((settle) => (resolve = settle)));
  return () => resolve();
}

/** The upstream that answered each request id (the last one nginx tried), once nginx has logged them all. */
async function servedBy(proxy: RunningNginx, requestIds: string[]): Promise<Map<string, string[]>> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const logged = new Map(servedRequests(proxy.accessLog()).map((served) => [served.requestId, served.upstreams]));
    const missing = requestIds.filter((id) => !logged.has(id));
    if (missing.length === 0) return logged;
    if (Date.now() > deadline) throw new Error(`nginx logged no request ${missing.join(', ')}:\n${proxy.accessLog()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('two instances behind nginx, sharing PostgreSQL and Redis', () => {
  it('each instance is ready with PostgreSQL for storage and Redis for limits, and serves its own metrics', async () => {
    for (const app of [a, b]) {
      const response = await fetch(`${app.url}/api/ready`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        status: 'ready',
        checks: { storage: { ok: true, kind: 'postgres' }, limits: { ok: true, kind: 'redis' } },
      });
    }
    // Metrics are each instance's own: nginx does not serve a random one's.
    expect((await fetch(`${a.url}/api/metrics`)).status).toBe(200);
    expect((await fetch(`${nginx.url}/api/metrics`)).status).toBe(404);
  });

  it('a short link made through instance A opens, byte for byte, through instance B and through nginx', async () => {
    const ciphertext = randomBytes(4096).toString('base64url');
    const created = await fetch(`${a.url}/api/v1/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ciphertext, expires_in_days: 7 }),
    });
    expect(created.status).toBe(201);
    const link = createdLinkSchema.parse(await created.json());
    for (const baseUrl of [b.url, nginx.url]) {
      const opened = await fetch(`${baseUrl}/api/v1/links/${link.id}`);
      expect(opened.status).toBe(200);
      const stored = storedLinkSchema.parse(await opened.json());
      expect(Buffer.from(stored.ciphertext, 'base64url').equals(Buffer.from(ciphertext, 'base64url'))).toBe(true);
      expect(stored.expires_at).toBe(link.expires_at);
    }
    // Deleted through B, it is gone for A too.
    const deleted = await fetch(`${b.url}/api/v1/links/${link.id}`, { method: 'DELETE', headers: { 'x-delete-token': link.delete_token } });
    expect(deleted.status).toBe(204);
    expect((await fetch(`${a.url}/api/v1/links/${link.id}`)).status).toBe(404);
  });

  it('counts the rate limit across both instances: the (limit + 1)th chat through nginx is refused', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) {
      const response = await fetch(`${limitedNginx.url}${CHAT_URL}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': `limit-${i}` },
        body: JSON.stringify({ model: 'offline-simulator', messages: [{ role: 'user', content: 'hello' }] }),
      });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(200), 429]);
    // nginx took turns: both instances counted, and neither alone reached the limit.
    const ids = statuses.map((_, i) => `limit-${i}`);
    const served = await servedBy(limitedNginx, ids);
    const perInstance = [limitedA, limitedB].map((app) => ids.slice(0, LIMIT).filter((id) => served.get(id)?.at(-1) === upstreamOf(app)).length);
    expect(perInstance.reduce((sum, count) => sum + count)).toBe(LIMIT);
    for (const count of perInstance) expect(count).toBeGreaterThan(0);
    for (const count of perInstance) expect(count).toBeLessThan(LIMIT);
  });

  it('one instance killed mid-load: each stream it served ends in an error the page shows; the other serves every new request', async () => {
    const ids = Array.from({ length: IN_FLIGHT }, (_, i) => `in-flight-${i}`);
    const firstChunks: Promise<void>[] = [];
    const results = Promise.all(ids.map((id) => pageChat(nginx.url, id, chunkSeen(firstChunks))));
    // Every stream under way (its first chunk read, ~19 to come), then A dies at once.
    await Promise.all(firstChunks);
    process.kill(-a.pid, 'SIGKILL');
    const outcomes = await results;

    const served = await servedBy(nginx, ids);
    const onA = ids.filter((id) => served.get(id)?.at(-1) === upstreamOf(a));
    const cut = ids.filter((_, i) => isChatError(outcomes[i]));
    const completed = ids.filter((_, i) => !isChatError(outcomes[i]));
    expect(onA.length).toBeGreaterThan(0);
    expect(cut).toEqual(onA);
    for (const id of cut) {
      const outcome = outcomes[ids.indexOf(id)];
      expect(outcome).toMatchObject({ kind: 'cut', status: null });
      expect(isChatError(outcome) && outcome.message).toMatch(/connection broke before the reply finished|cut off/);
    }
    expect(completed.every((id) => served.get(id)?.at(-1) === upstreamOf(b))).toBe(true);

    const after = Array.from({ length: AFTER_KILL }, (_, i) => `after-kill-${i}`);
    const afterOutcomes = await Promise.all(after.map((id) => pageChat(nginx.url, id)));
    const afterServed = await servedBy(nginx, after);
    const succeeded = afterOutcomes.filter((outcome) => !isChatError(outcome)).length;
    const triedAFirst = after.filter((id) => (afterServed.get(id) ?? []).length > 1).length;
    expect(afterOutcomes.filter(isChatError)).toEqual([]);
    expect(after.every((id) => afterServed.get(id)?.at(-1) === upstreamOf(b))).toBe(true);

    const example = outcomes.find(isChatError);
    console.log(
      `Instance A killed with ${IN_FLIGHT} streams in flight through nginx: ${cut.length} cut (every one served by A, each an error ` +
        `to the page: "${example && isChatError(example) ? example.message : ''}"), ${completed.length} completed (served by B). ` +
        `Then ${succeeded}/${AFTER_KILL} new requests succeeded, all served by B (${triedAFirst} of them tried A first).`,
    );
  });
});
