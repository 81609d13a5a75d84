/**
 * Security, round two — 10 (server part). An upstream 204/205 to a stream request, and JSON nested
 * 100,000 deep, from the upstream (tool arguments, an error body) or from the client (a tool's
 * parameters): each a 400/502 that says what was wrong, never a 500 or a stack overflow's words.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestUpstream, type TestUpstream } from '../e2e/upstream/server.mjs';
import { SseParser } from '@/lib/wire/sse';
import { startApp, type RunningApp } from './support/app';

const KEY = 'f3a91c07d5e24b6f8a1c9e0d7b3f5a21';
const DEEP = 100_000;
let upstream: TestUpstream;
let app: RunningApp;

beforeAll(async () => {
  upstream = await startTestUpstream();
  app = await startApp({ AIML_API_KEY: KEY, AIML_API_BASE_URL: upstream.url });
});
afterAll(async () => {
  await app?.stop();
  await upstream?.close();
});
beforeEach(() => upstream.reset());

async function chat(body: Record<string, unknown> | string) {
  const response = await fetch(`${app.url}/api/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], ...body }),
  });
  const text = await response.text();
  const parser = new SseParser();
  const events = response.headers.get('content-type')?.startsWith('text/event-stream') ? [...parser.push(text), ...parser.flush()].map((e) => e.data) : [];
  const error = (events.length ? JSON.parse(events.at(-1)!) : JSON.parse(text)).error as { message: string; code: string | null; status?: number } | undefined;
  return { status: response.status, error };
}

/** `{"a":{"a":…1…}}`, `depth` objects deep, as text (JSON.stringify of it would overflow the stack). */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('10. Upstream 204/205 and JSON nested too deep', () => {
  it.each([204, 205])('an upstream %i to a stream request: a 502 that says the provider sent no body', async (status) => {
    upstream.script([{ kind: 'completion', status, raw: '' }, { kind: 'completion', status, raw: '' }]);
    for (const stream of [true, false]) {
      const reply = await chat({ stream });
      expect(reply.status).toBe(502);
      expect(reply.error?.code).toBe('upstream_no_body');
      expect(reply.error?.message).toContain(`answered ${status} without a body`);
    }
  });

  it('tool arguments nested 100,000 deep in a completion: a 502 naming the depth limit', async () => {
    const raw = `{"choices":[{"message":{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":${nested(DEEP)}}}]},"finish_reason":"tool_calls"}]}`;
    upstream.script([{ kind: 'completion', raw }]);
    const reply = await chat({});
    expect(reply.status).toBe(502);
    expect(reply.error).toMatchObject({ code: 'upstream_too_deep' });
    expect(reply.error?.message).toMatch(/nested deeper than 64 levels/);
  });

  it('tool arguments nested 100,000 deep in a stream chunk: a 502 event naming the depth limit', async () => {
    const first = '{"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant"},"finish_reason":null}]}';
    const deep = `{"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c1","type":"function","function":{"name":"f","arguments":${nested(DEEP)}}}]},"finish_reason":null}]}`;
    upstream.script([{ kind: 'stream', chunks: [first, deep] }]);
    const reply = await chat({ stream: true });
    expect(reply.status).toBe(200);
    expect(reply.error).toMatchObject({ code: 'upstream_too_deep', status: 502 });
  });

  it('an error body nested 100,000 deep: a 502 that says so', async () => {
    upstream.script([{ kind: 'error', status: 400, body: `{"error":${'{"error":'.repeat(DEEP)}"x"${'}'.repeat(DEEP)}}`, contentType: 'application/json' }]);
    const reply = await chat({});
    expect(reply.status).toBe(502);
    expect(reply.error?.code).toBe('upstream_too_deep');
    expect(reply.error?.message).not.toMatch(/call stack/i);
  });

  it('parameters nested 100,000 deep from the client: a 400 naming the field and the limit; 64 levels pass', async () => {
    const tool = (parameters: string) => `{"type":"function","function":{"name":"f","parameters":${parameters}}}`;
    const body = (parameters: string) => `{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"tools":[${tool(parameters)}]}`;
    const reply = await chat(body(nested(DEEP)));
    expect(reply.status).toBe(400);
    expect(reply.error?.message).toContain('tools.0.function.parameters');
    expect(reply.error?.message).toContain('nested deeper than 64 levels');
    expect(upstream.requests()).toHaveLength(0);
    upstream.script([{ kind: 'text', content: 'ok' }]);
    expect((await chat(body(nested(63)))).status).toBe(200);
  });
});
