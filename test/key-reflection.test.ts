/**
 * Security, round two — 4. The key leaks when the upstream reflects it. A provider (or anything at
 * AIML_API_BASE_URL) that echoes the Authorization header must not hand the key, or the access token,
 * to the client: not in a header, an id, a body, a chunk, an inspector line, nor in a cut excerpt.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestUpstream, type Step, type TestUpstream } from '../e2e/upstream/server.mjs';
import { SseParser } from '@/lib/wire/sse';
import { startApp, type RunningApp } from './support/app';

/** Shaped like an AI/ML API key (32 hex digits): none of the `sk-…` / `Bearer …` patterns catch it. */
const KEY = 'f3a91c07d5e24b6f8a1c9e0d7b3f5a21';
const TOKEN = 'pg-access-5b1e9c3d7f';
const KEY_IN = '{{authorization}}';
let upstream: TestUpstream;
let app: RunningApp;

beforeAll(async () => {
  upstream = await startTestUpstream();
  app = await startApp({ AIML_API_KEY: KEY, AIML_API_BASE_URL: upstream.url, PLAYGROUND_ACCESS_TOKEN: TOKEN });
});
afterAll(async () => {
  await app?.stop();
  await upstream?.close();
});
beforeEach(() => upstream.reset());

/** Any 12 characters in a row of a secret: a cut that keeps most of it leaks it too. */
function leaked(text: string): string | null {
  for (const secret of [KEY, TOKEN]) {
    for (let at = 0; at + 12 <= secret.length; at++) if (text.includes(secret.slice(at, at + 12))) return secret.slice(at, at + 12);
  }
  return null;
}

/** Everything a client gets: the status line's headers, the body, and every event's JSON decoded again. */
async function chat(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.url}/api/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], ...body }),
  });
  const text = await response.text();
  const parser = new SseParser();
  const events = body.stream ? [...parser.push(text), ...parser.flush()].map((e) => e.data) : [];
  const decoded = [text, ...events.filter((d) => d !== '[DONE]').map((d) => JSON.stringify(JSON.parse(d)))];
  const all = [[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n'), ...decoded].join('\n');
  return { status: response.status, headers: response.headers, text, events, all };
}

const envelope = { object: 'chat.completion.chunk', created: 1735689600, model: 'gpt-4o' };
const chunk = (id: string, delta: Record<string, unknown>, finish: string | null = null) => ({ id, ...envelope, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
const reflect = (step: Step): Step => ({ ...step, reflectAuth: true });

describe('4. The key leaks when the upstream reflects it', () => {
  it('Retry-After that echoes the key is not passed on', async () => {
    upstream.script([reflect({ kind: 'error', status: 429, body: { error: { message: 'slow down' } }, headers: { 'retry-after': KEY_IN } })]);
    const reply = await chat({});
    expect(reply.status).toBe(429);
    expect(leaked(reply.all)).toBeNull();
    // A valid Retry-After still is.
    upstream.script([{ kind: 'error', status: 429, body: { error: { message: 'slow down' } }, headers: { 'retry-after': '7' } }]);
    expect((await chat({})).headers.get('retry-after')).toBe('7');
  });

  it("the inspector's account of the provider's status and headers holds neither secret", async () => {
    upstream.script([
      reflect({
        kind: 'stream',
        chunks: [chunk('c1', { role: 'assistant', content: 'ok' }), chunk('c1', {}, 'stop')],
        headers: { 'openai-processing-ms': KEY_IN, server: `Bearer ${KEY_IN}`, 'x-request-id': `req-${KEY_IN}`, 'x-echo-auth': `Bearer ${KEY_IN}` },
      }),
    ]);
    const reply = await chat({ stream: true }, { 'x-playground-inspect': '1' });
    const first = reply.text.split('\n')[0];
    expect(first.startsWith(': upstream-response ')).toBe(true);
    const info = JSON.parse(first.slice(': upstream-response '.length));
    expect(info).toMatchObject({ provider: 'upstream', status: 200, request_headers: { authorization: 'Bearer ••••' } });
    expect(info.headers['openai-processing-ms']).toBe('[redacted]');
    expect(info.headers).not.toHaveProperty('x-echo-auth');
    expect(leaked(reply.all)).toBeNull();
  });

  it('an x-request-id that echoes the key does not become the completion id', async () => {
    const noId = { object: 'chat.completion', created: 1, model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] };
    upstream.script([
      reflect({ kind: 'completion', body: noId, headers: { 'x-request-id': KEY_IN } }),
      reflect({ kind: 'stream', chunks: [{ ...chunk('', { role: 'assistant', content: 'ok' }), id: undefined }, { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }], headers: { 'x-request-id': `req-${KEY_IN}` } }),
    ]);
    const plain = await chat({});
    expect(plain.status).toBe(200);
    expect(leaked(plain.all)).toBeNull();
    const streamed = await chat({ stream: true });
    expect(streamed.events.at(-1)).toBe('[DONE]');
    expect(leaked(streamed.all)).toBeNull();
  });

  it('content, model and id of a completion that echo the key or the token are redacted', async () => {
    upstream.script([
      reflect({
        kind: 'completion',
        body: {
          id: `chatcmpl-${KEY_IN}`, object: 'chat.completion', created: 1, model: KEY_IN, system_fingerprint: KEY_IN,
          choices: [{ index: 0, message: { role: 'assistant', content: `You sent "Bearer ${KEY_IN}" and the token ${TOKEN}.`, tool_calls: [{ id: KEY_IN, type: 'function', function: { name: 'f', arguments: `{"k":"${KEY_IN}"}` } }] }, finish_reason: 'tool_calls' }],
        },
      }),
    ]);
    const reply = await chat({});
    expect(reply.status).toBe(200);
    expect(leaked(reply.all)).toBeNull();
    const message = JSON.parse(reply.text).choices[0].message;
    expect(message.content).toContain('[redacted]');
    expect(message.tool_calls[0].function.name).toBe('f');
  });

  it('chunks that echo the key are redacted, in data lines and in the inspector lines, escaped or not', async () => {
    const id = 'chatcmpl-reflect';
    // The key once plainly, once with its first character as a JSON \\u escape, once in the model name.
    const escaped = `\\u${KEY.charCodeAt(0).toString(16).padStart(4, '0')}${KEY.slice(1)}`;
    upstream.script([
      reflect({
        kind: 'stream',
        chunks: [
          chunk(id, { role: 'assistant', content: '' }),
          chunk(id, { content: `key ${KEY_IN} ` }),
          JSON.stringify(chunk(id, { content: 'escaped ' })).replace('escaped ', `escaped ${escaped}`),
          { ...chunk(id, { content: 'model ' }), model: KEY_IN },
          chunk(id, { content: `token ${TOKEN}` }),
          chunk(id, { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: `{"k":"${KEY_IN}"}` } }] }),
          chunk(id, {}, 'tool_calls'),
        ],
      }),
    ]);
    const reply = await chat({ stream: true }, { 'x-playground-inspect': '1' });
    expect(reply.events.at(-1)).toBe('[DONE]');
    expect(reply.text).toContain(': upstream-raw ');
    expect(leaked(reply.all)).toBeNull();
    const content = reply.events.slice(0, -1).map((d) => JSON.parse(d).choices?.[0]?.delta?.content ?? '').join('');
    expect(content).toContain('key [redacted]');
    expect(content).toContain('token [redacted]');
  });

  it('an error message is redacted before it is cut: no cut-off piece of the key is left', async () => {
    // The key across the 2,000-character cut of a quoted provider message, in an HTTP error and in a stream's error event.
    const message = `${'x'.repeat(1_980)} ${KEY_IN} ${'y'.repeat(100)}`;
    const html = `<html><head><title>${'t'.repeat(100)} ${KEY_IN}</title></head></html>`;
    upstream.script([
      reflect({ kind: 'error', status: 400, body: { error: { message } } }),
      reflect({ kind: 'stream', chunks: [chunk('c', { role: 'assistant', content: '' }), { error: { message } }] }),
      reflect({ kind: 'error', status: 502, body: html, contentType: 'text/html' }),
      reflect({ kind: 'error', status: 500, body: `${'z'.repeat(490)} ${KEY_IN}`, contentType: 'text/plain' }),
    ]);
    for (const body of [{}, { stream: true }, {}, {}]) {
      const reply = await chat(body);
      expect(reply.all.length).toBeGreaterThan(100);
      expect(leaked(reply.all)).toBeNull();
    }
  });
});
