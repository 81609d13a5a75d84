/**
 * Security, round two — 6. Unbounded upstream input. Whatever the provider sends, the proxy reads in
 * linear time and within limits: a line, an event, a plain body and what a compressed body inflates to
 * are capped (each overflow a 502 that names its limit), and a stream has an overall time limit (504).
 * The limits are the defaults but for the stream's time (AIML_API_STREAM_TIMEOUT_MS, made short here).
 * No timing is asserted (bench:load records the 10 MB line's time); that each answer arrives at all
 * is the point: before, the endless line and the bodies never answered (the test's timeout ended them).
 */
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestUpstream, type TestUpstream } from '../e2e/upstream/server.mjs';
import { SseParser } from '@/lib/wire/sse';
import { startApp, type RunningApp } from './support/app';
import { sampleRss, treeRss } from './support/memory';

const KEY = 'f3a91c07d5e24b6f8a1c9e0d7b3f5a21';
const MiB = 2 ** 20;
const STREAM_LIMIT_MS = 3_000;
let upstream: TestUpstream;
let app: RunningApp;

beforeAll(async () => {
  upstream = await startTestUpstream();
  app = await startApp({ AIML_API_KEY: KEY, AIML_API_BASE_URL: upstream.url, AIML_API_STREAM_TIMEOUT_MS: String(STREAM_LIMIT_MS) });
});
afterAll(async () => {
  await app?.stop();
  await upstream?.close();
});
beforeEach(() => upstream.reset());

interface Reply {
  status: number;
  ms: number;
  /** The body, or for a stream the last event (the error event, if any), as JSON. */
  last: { error?: { message: string; code: string; status?: number } } | null;
  size: number;
}

/** One chat with node:http (no client-side timeout but the test's), timed, keeping only the end of the body. */
function chat(body: Record<string, unknown>): Promise<Reply> {
  const payload = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], ...body });
  const target = new URL(`${app.url}/api/v1/chat/completions`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        let tail = '';
        let size = 0;
        res.setEncoding('utf8');
        res.on('data', (text: string) => {
          size += text.length;
          tail = (tail + text).slice(-20_000);
        });
        res.on('end', () => {
          const ms = performance.now() - started;
          let last: Reply['last'] = null;
          if (body.stream) {
            const parser = new SseParser();
            const data = [...parser.push(tail), ...parser.flush()].map((e) => e.data).at(-1);
            try {
              last = data ? JSON.parse(data) : null;
            } catch {
              last = null;
            }
          } else {
            try {
              last = JSON.parse(tail);
            } catch {
              last = null;
            }
          }
          resolve({ status: res.statusCode ?? 0, ms, last, size });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const chunkPrefix = 'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"';

describe('6. Unbounded upstream input', () => {
  it('a 10 MB SSE line: a 502 event naming the line limit', async () => {
    upstream.script([{ kind: 'flood', prefix: chunkPrefix, fill: 'a', bytes: 10_000_000, suffix: '"},"finish_reason":null}]}\n\ndata: [DONE]\n\n' }]);
    const reply = await chat({ stream: true });
    expect(reply.status).toBe(200);
    expect(reply.last?.error).toMatchObject({ code: 'upstream_too_large', status: 502 });
    expect(reply.last?.error?.message).toContain('AIML_API_MAX_LINE_CHARS');
  });

  it('a line that never ends: the same 502, and the upstream request is let go', async () => {
    upstream.script([{ kind: 'flood', prefix: 'data: ', fill: 'b'.repeat(1024), bytes: -1 }]);
    const reply = await chat({ stream: true });
    expect(reply.last?.error).toMatchObject({ code: 'upstream_too_large' });
    expect(reply.last?.error?.message).toContain('AIML_API_MAX_LINE_CHARS');
    await expect.poll(() => upstream.requests()[0].aborted, { timeout: 5_000 }).toBe(true);
  });

  it('an event of many lines over the event limit: a 502 naming it', async () => {
    const line = `data: ${'c'.repeat(64 * 1024)}\n`;
    upstream.script([{ kind: 'flood', fill: line, bytes: 12 * MiB, suffix: '\n' }]);
    const reply = await chat({ stream: true });
    expect(reply.last?.error).toMatchObject({ code: 'upstream_too_large' });
    expect(reply.last?.error?.message).toContain('AIML_API_MAX_EVENT_CHARS');
  });

  it('a 200 MB plain body: a 502 naming the body limit, without holding the body', async () => {
    upstream.script([{ kind: 'flood', contentType: 'application/json', prefix: '{"choices":[{"message":{"content":"', fill: 'd'.repeat(1024), bytes: 200_000_000, suffix: '"}}]}' }]);
    const before = treeRss(app.pid);
    const memory = sampleRss(app.pid);
    const reply = await chat({});
    const peak = memory.stop();
    expect(reply.status).toBe(502);
    expect(reply.last?.error).toMatchObject({ code: 'upstream_too_large' });
    expect(reply.last?.error?.message).toContain('AIML_API_MAX_BODY_BYTES');
    expect(peak - before).toBeLessThan(300 * MiB);
    await expect.poll(() => upstream.requests()[0].aborted, { timeout: 5_000 }).toBe(true);
  });

  it('four gzip bodies of 400 KB that inflate to 400 MB each: four 502s, memory bounded', async () => {
    const bomb = { kind: 'flood' as const, encoding: 'gzip' as const, contentType: 'application/json', prefix: '{"choices":[{"message":{"content":"', fill: 'e', bytes: 400_000_000, suffix: '"}}]}' };
    upstream.script([{ ...bomb, repeat: 4 }]);
    const before = treeRss(app.pid);
    const memory = sampleRss(app.pid);
    const replies = await Promise.all([0, 1, 2, 3].map(() => chat({})));
    const peak = memory.stop();
    for (const reply of replies) {
      expect(reply.status).toBe(502);
      expect(reply.last?.error?.code).toBe('upstream_too_large');
    }
    expect(peak - before).toBeLessThan(400 * MiB);
  });

  it('a gzip stream that inflates past the decompressed limit: a 502 event naming it', async () => {
    // Comment lines: nothing to forward, only bytes to inflate.
    upstream.script([{ kind: 'flood', encoding: 'gzip', fill: `:${'f'.repeat(1022)}\n`, bytes: 400_000_000 }]);
    const reply = await chat({ stream: true });
    expect(reply.last?.error).toMatchObject({ code: 'upstream_too_large' });
    expect(reply.last?.error?.message).toContain('AIML_API_MAX_DECODED_BYTES');
  });

  it('a stream that goes on past AIML_API_STREAM_TIMEOUT_MS: a 504 event naming it', async () => {
    const chunk = (content: string) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { content }, finish_reason: null }] });
    upstream.script([{ kind: 'stream', chunks: Array.from({ length: 100 }, (_, i) => chunk(`w${i} `)), delayMs: 100 }]);
    const reply = await chat({ stream: true });
    expect(reply.last?.error).toMatchObject({ code: 'upstream_timeout', status: 504 });
    expect(reply.last?.error?.message).toContain('AIML_API_STREAM_TIMEOUT_MS');
    expect(reply.ms).toBeGreaterThan(STREAM_LIMIT_MS - 100);
  });
});
