/**
 * The node:http fast path (what `npm start` serves chat completions with) on a real socket, against the
 * scripted upstream: the same answers as the route, written straight to the connection.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestUpstream } from '../../e2e/upstream/server.mjs';
import type { TestUpstream } from '../../e2e/upstream/types';
import { SseParser } from '@/lib/wire/sse';
import { resetServerEnvForTests } from './env';
import { serveChatCompletion } from './node-chat';

const KEY = 'sk-node-chat-test-0000';
let upstream: TestUpstream;
let server: Server;
let origin: string;
const saved = { ...process.env };

beforeAll(async () => {
  upstream = await startTestUpstream();
  process.env.AIML_API_KEY = KEY;
  process.env.AIML_API_BASE_URL = upstream.url;
  process.env.PLAYGROUND_RATE_LIMIT_PER_MINUTE = '2';
  resetServerEnvForTests();
  server = createServer((req, res) => void serveChatCompletion(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => upstream.reset());
afterAll(async () => {
  process.env = saved;
  resetServerEnvForTests();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await upstream.close();
});

let client = 0;
/** Each call counts as another client (X-Forwarded-For), except where a test says otherwise. */
const post = (body: string, headers: Record<string, string> = {}, init: RequestInit = {}) =>
  fetch(`${origin}/api/v1/chat/completions`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${++client}`, ...headers },
    ...init,
  });
const ask = (over: Record<string, unknown> = {}) => JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], ...over });
const env = { id: 'chatcmpl-n1', object: 'chat.completion.chunk', created: 1735689600, model: 'gpt-4o' };
const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({ ...env, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('serveChatCompletion', () => {
  it('answers a plain call with the upstream completion and the key injected', async () => {
    const body = { id: 'chatcmpl-p', object: 'chat.completion', created: 1, model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: 'Hello', refusal: null }, logprobs: null, finish_reason: 'stop' }] };
    upstream.script([{ kind: 'completion', raw: JSON.stringify(body) }]);
    const response = await post(ask());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual(body);
    expect(upstream.requests()[0].headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('streams the events with SSE headers and ends with [DONE]', async () => {
    upstream.script([{ kind: 'stream', chunks: [chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hi' }), chunk({}, 'stop')] }]);
    const response = await post(ask({ stream: true }));
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    const parser = new SseParser();
    const data = [...parser.push(await response.text()), ...parser.flush()].map((e) => e.data);
    expect(data.at(-1)).toBe('[DONE]');
    expect(data).toContain(JSON.stringify(chunk({ content: 'Hi' })));
  });

  it('sends the headers of a stream before the provider starts, when it is slow to', async () => {
    // A provider that answers with its headers at once and its first event 500 ms later.
    const slow = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
      setTimeout(() => res.end(`data: ${JSON.stringify(chunk({ content: 'late' }, 'stop'))}\n\ndata: [DONE]\n\n`), 500);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    process.env.AIML_API_BASE_URL = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/v1`;
    resetServerEnvForTests();
    try {
      const started = performance.now();
      const response = await post(ask({ stream: true }));
      expect(performance.now() - started).toBeLessThan(400);
      expect(await response.text()).toContain('late');
    } finally {
      process.env.AIML_API_BASE_URL = upstream.url;
      resetServerEnvForTests();
      slow.closeAllConnections();
      slow.close();
    }
  });

  it('answers errors in the OpenAI shape: bad JSON, no body, a schema failure', async () => {
    const bad = await post('{nope');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_json');
    expect((await post('')).status).toBe(400);
    const invalid = await post(JSON.stringify({ model: 'gpt-4o', messages: [] }));
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.param).toBe('messages');
  });

  it('refuses a body over 1 MB sent without a Content-Length, and still answers', async () => {
    const huge = ask({ messages: [{ role: 'user', content: 'x'.repeat(1_100_000) }] });
    // A stream body is sent chunked: the limit is found while reading, not from a header.
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(huge));
        controller.close();
      },
    });
    const response = await post('', {}, { body, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('request_too_large');
  });

  it('counts a client by its socket address when no proxy names it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${origin}/api/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(ask());
      });
      statuses.push(status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('cancels the upstream request when the client goes away mid-stream', async () => {
    upstream.script([{ kind: 'stream', chunks: Array.from({ length: 50 }, () => chunk({ content: 'x' })), delayMs: 20 }]);
    const gone = new AbortController();
    const response = await post(ask({ stream: true }), {}, { signal: gone.signal });
    const reader = response.body!.getReader();
    await reader.read();
    gone.abort();
    await delay(150);
    expect(upstream.requests()[0].aborted).toBe(true);
  });
});
