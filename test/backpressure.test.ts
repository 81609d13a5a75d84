/**
 * Security, round two — 7. No backpressure: a client that stops reading a stream must stop the proxy
 * reading the upstream (so memory stays bounded), and a pause on the client's side is not the
 * provider's silence (the idle timeout counts only while the proxy waits for the provider).
 */
import http from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestUpstream, type TestUpstream } from '../e2e/upstream/server.mjs';
import { startApp, type RunningApp } from './support/app';
import { sampleRss, treeRss } from './support/memory';

const KEY = 'f3a91c07d5e24b6f8a1c9e0d7b3f5a21';
const MiB = 2 ** 20;
const IDLE_MS = 1_500;
let upstream: TestUpstream;
/** The default AIML_API_TIMEOUT_MS (60 s), and a short one (IDLE_MS). */
let app: RunningApp;
let impatient: RunningApp;
/** Clients a test opened: closed after it, whatever it found. */
const open: http.ClientRequest[] = [];

beforeAll(async () => {
  upstream = await startTestUpstream();
  app = await startApp({ AIML_API_KEY: KEY, AIML_API_BASE_URL: upstream.url });
  impatient = await startApp({ AIML_API_KEY: KEY, AIML_API_BASE_URL: upstream.url, AIML_API_TIMEOUT_MS: String(IDLE_MS) });
});
afterAll(async () => {
  await app?.stop();
  await impatient?.stop();
  await upstream?.close();
});
beforeEach(() => upstream.reset());
afterEach(() => {
  for (const req of open.splice(0)) req.destroy();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  JSON.stringify({ id: 'chatcmpl-bp', object: 'chat.completion.chunk', created: 1735689600, model: 'gpt-4o', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
/** About 1 KB of text per event, already conformant (forwarded as it came). */
const EVENT = `data: ${chunk({ content: 'x'.repeat(1000) })}\n\n`;

/** A streamed chat read by hand: `pause()` stops reading from the socket, as a stalled browser does. */
function openStream(on: RunningApp): Promise<{ res: http.IncomingMessage; received: () => number; req: http.ClientRequest }> {
  const body = JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'flood me' }] });
  const target = new URL(`${on.url}/api/v1/chat/completions`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let received = 0;
        res.on('data', (data: Buffer) => {
          received += data.length;
        });
        res.on('error', () => {});
        resolve({ res, req, received: () => received });
      },
    );
    open.push(req);
    req.on('error', reject);
    req.end(body);
  });
}

describe('7. No backpressure', () => {
  it('stops reading the upstream while the client does not read, and memory stays bounded', async () => {
    upstream.script([{ kind: 'flood', prefix: `data: ${chunk({ role: 'assistant', content: '' })}\n\n`, fill: EVENT, bytes: -1 }]);
    const before = treeRss(app.pid);
    const memory = sampleRss(app.pid);
    const stream = await openStream(app);
    await expect.poll(() => stream.received(), { timeout: 5_000 }).toBeGreaterThan(100_000);
    stream.res.pause();
    await sleep(3_000);
    const [record] = upstream.requests();
    const settled = record.bytesWritten;
    await sleep(2_000);
    const later = upstream.requests()[0];
    const peak = memory.stop();
    console.log(`upstream sent ${(later.bytesWritten / MiB).toFixed(1)} MiB (${(settled / MiB).toFixed(1)} after 3 s), client got ${(stream.received() / MiB).toFixed(1)} MiB; RSS ${(before / MiB).toFixed(0)} → peak ${(peak / MiB).toFixed(0)} MiB; waiting for drain: ${later.waitingForDrain}, aborted: ${later.aborted}`);
    // The upstream is blocked on a full socket and sent (almost) nothing more in two seconds.
    expect(later.waitingForDrain).toBe(true);
    expect(later.bytesWritten - settled).toBeLessThan(1 * MiB);
    // What it sent at all is bounded by buffers (sockets, one body queue), not by the time waited.
    expect(later.bytesWritten).toBeLessThan(64 * MiB);
    expect(peak - before).toBeLessThan(200 * MiB);
    // Reading again lets it flow again; going away ends the upstream request.
    stream.res.resume();
    await expect.poll(() => upstream.requests()[0].bytesWritten, { timeout: 5_000 }).toBeGreaterThan(later.bytesWritten + 4 * MiB);
    stream.req.destroy();
    await expect.poll(() => upstream.requests()[0].aborted, { timeout: 5_000 }).toBe(true);
  });

  it('counts a pause of the client as no silence of the provider: the stream ends whole after it', async () => {
    const events = Array.from({ length: 2000 }, (_, i) => chunk({ content: `${String(i).padStart(4, '0')}${'y'.repeat(4000)}` }));
    upstream.script([{ kind: 'stream', chunks: [chunk({ role: 'assistant', content: '' }), ...events, chunk({}, 'stop')].map((c) => JSON.parse(c)) }]);
    const stream = await openStream(impatient);
    stream.res.pause();
    // Longer than AIML_API_TIMEOUT_MS, while the proxy has data it cannot pass on.
    await sleep(IDLE_MS * 2);
    const ended = new Promise<void>((resolve) => stream.res.on('end', () => resolve()));
    const parts: Buffer[] = [];
    stream.res.on('data', (data: Buffer) => parts.push(data));
    stream.res.resume();
    await ended;
    const text = Buffer.concat(parts).toString('utf8');
    // The end of the stream, not megabytes of it, if this fails.
    expect(text.slice(-400)).not.toContain('upstream_timeout');
    expect(text.slice(-400)).toContain('"finish_reason":"stop"');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });
});
