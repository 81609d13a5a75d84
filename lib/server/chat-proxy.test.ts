/**
 * The proxy against a real local upstream (e2e/upstream) through its real transport:
 * the fast paths, and every way a stream can end (done, cut, idle, malformed, error event, client gone).
 */
import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '@/lib/wire/chat';
import { SseParser } from '@/lib/wire/sse';
import { proxyChatCompletion, type ProxyOptions } from './chat-proxy';
import { useLocalUpstream } from './testing/local-upstream';

const KEY = 'sk-proxy-unit-test-000000';
const local = useLocalUpstream(KEY, { AIML_API_TIMEOUT_MS: '5000' });
const configure = (timeoutMs = 5_000, more: Record<string, string> = {}) => local.configure({ AIML_API_TIMEOUT_MS: String(timeoutMs), ...more });

/** The proxy's reply: the web Response the route hands to Next. */
const proxied = (request: ChatRequest, options: ProxyOptions) => proxyChatCompletion(request, options);
const ask = (over: Partial<ChatRequest> = {}) => ({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], ...over }) as ChatRequest;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const env = { id: 'chatcmpl-u1', object: 'chat.completion.chunk', created: 1735689600, model: 'gpt-4o', system_fingerprint: 'fp_u' };
const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({ ...env, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
const textChunks = (...pieces: string[]) => [chunk({ role: 'assistant', content: '' }), ...pieces.map((content) => chunk({ content })), chunk({}, 'stop')];

async function events(response: Response): Promise<{ data: string[]; raw: string }> {
  const raw = await response.text();
  const parser = new SseParser();
  return { data: [...parser.push(raw), ...parser.flush()].map((e) => e.data), raw };
}
const contentOf = (data: string[]) =>
  data
    .filter((d) => d !== '[DONE]')
    .map((d) => JSON.parse(d))
    .map((c) => c.choices?.[0]?.delta?.content ?? '')
    .join('');
const lastError = (data: string[]) => JSON.parse(data[data.length - 1]).error;

describe('proxyChatCompletion, plain', () => {
  it('returns a conformant completion as it was, in meaning', async () => {
    const body = {
      id: 'chatcmpl-p1', object: 'chat.completion', created: 1735689600, model: 'gpt-4o',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello', refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    };
    local.upstream.script([{ kind: 'completion', raw: JSON.stringify(body, null, 1) }]);
    const response = await proxied(ask(), { signal: new AbortController().signal, inspect: false });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual(body);
    expect(local.upstream.requests()[0].headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('normalizes one that is not', async () => {
    local.upstream.script([{ kind: 'completion', body: { choices: [{ message: { content: 'Hi' }, finish_reason: 'end_turn' }] } }]);
    const response = await proxied(ask(), { signal: new AbortController().signal, inspect: false });
    const json = await response.json();
    expect(json.object).toBe('chat.completion');
    expect(json.choices[0]).toMatchObject({ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Hi', refusal: null } });
  });

  it('keeps the mapping of upstream errors', async () => {
    local.upstream.script([{ kind: 'error', status: 402, body: { statusCode: 402, message: 'Top up your balance' } }]);
    const response = await proxied(ask(), { signal: new AbortController().signal, inspect: false });
    expect(response.status).toBe(402);
    expect((await response.json()).error.message).toContain('Top up your balance');
  });
});

describe('proxyChatCompletion, streamed', () => {
  it('streams text, forwarding conformant chunks as they came, and ends with [DONE]', async () => {
    local.upstream.script([{ kind: 'stream', chunks: textChunks('Hello', ' world') }]);
    const response = await proxied(ask({ stream: true }), { signal: new AbortController().signal, inspect: false });
    const { data } = await events(response);
    expect(data[data.length - 1]).toBe('[DONE]');
    expect(contentOf(data)).toBe('Hello world');
    expect(data).toContain(JSON.stringify(chunk({ content: ' world' })));
    // The upstream's reply was read to its end (not cut after [DONE]), so its connection can be reused.
    await delay(50);
    expect(local.upstream.requests()[0].aborted).toBe(false);
  });

  it('many events in one upstream write still arrive complete and in order', async () => {
    const pieces = Array.from({ length: 300 }, (_, i) => ` w${i}`);
    const raw = textChunks(...pieces).map((c) => `data: ${JSON.stringify(c)}\n\n`).join('') + 'data: [DONE]\n\n';
    local.upstream.script([{ kind: 'stream', raw }]);
    const response = await proxied(ask({ stream: true }), { signal: new AbortController().signal, inspect: false });
    const { data } = await events(response);
    expect(contentOf(data)).toBe(pieces.join(''));
    expect(data[data.length - 1]).toBe('[DONE]');
  });

  it('a stream cut before [DONE] ends with the stream_incomplete error', async () => {
    local.upstream.script([{ kind: 'stream', chunks: textChunks('Hel').slice(0, 2), cut: true }]);
    const response = await proxied(ask({ stream: true }), { signal: new AbortController().signal, inspect: false });
    const { data } = await events(response);
    expect(data).not.toContain('[DONE]');
    expect(lastError(data).code).toBe('stream_incomplete');
  });

  it('an upstream that stops sending is abandoned after the timeout, with a 504 event', async () => {
    configure(300);
    local.upstream.script([{ kind: 'stream', chunks: textChunks('a', 'b'), delayMs: 1_000 }]);
    const response = await proxied(ask({ stream: true }), { signal: new AbortController().signal, inspect: false });
    const { data } = await events(response);
    expect(lastError(data).code).toBe('upstream_timeout');
    await delay(50);
    expect(local.upstream.requests()[0].aborted).toBe(true);
  });

  it('a malformed event and an error event end the stream with their errors', async () => {
    local.upstream.script([
      { kind: 'stream', raw: `data: ${JSON.stringify(chunk({ role: 'assistant', content: '' }))}\n\ndata: {not json\n\n` },
      { kind: 'stream', raw: `data: ${JSON.stringify(chunk({ role: 'assistant', content: '' }))}\n\ndata: {"error":{"message":"overloaded","type":"overloaded_error"}}\n\n` },
    ]);
    const malformed = await events(await proxied(ask({ stream: true }), { signal: new AbortController().signal, inspect: false }));
    expect(lastError(malformed.data).code).toBe('upstream_malformed');
    const reported = await events(await proxied(ask({ stream: true }), { signal: new AbortController().signal, inspect: false }));
    expect(lastError(reported.data).message).toContain('overloaded');
  });

  it('the client going away cancels the upstream request', async () => {
    local.upstream.script([{ kind: 'stream', chunks: textChunks(...Array.from({ length: 50 }, () => 'x')), delayMs: 20 }]);
    const client = new AbortController();
    const response = await proxied(ask({ stream: true }), { signal: client.signal, inspect: false });
    const reader = response.body!.getReader();
    await reader.read();
    client.abort();
    await reader.cancel();
    await delay(100);
    expect(local.upstream.requests()[0].aborted).toBe(true);
  });

  it('inspect mode precedes each forwarded chunk with the raw upstream text', async () => {
    local.upstream.script([{ kind: 'stream', chunks: textChunks('Hi') }]);
    const response = await proxied(ask({ stream: true }), { signal: new AbortController().signal, inspect: true });
    const { raw } = await events(response);
    expect(raw).toContain(`: upstream-raw ${JSON.stringify(chunk({ content: 'Hi' }))}\n`);
  });

  it('inspect mode starts with the provider\'s status and headers, the key never among them', async () => {
    local.upstream.script([{ kind: 'stream', chunks: textChunks('Hi'), headers: { 'openai-processing-ms': `12 ${KEY}`, 'x-internal-route': 'pod-7' } }]);
    const { raw } = await events(await proxied(ask({ stream: true }), { signal: new AbortController().signal, inspect: true }));
    const [first] = raw.split('\n');
    expect(first.startsWith(': upstream-response ')).toBe(true);
    const info = JSON.parse(first.slice(': upstream-response '.length));
    expect(info).toMatchObject({ provider: 'upstream', status: 200 });
    expect(info.headers['content-type']).toContain('text/event-stream');
    expect(info.headers['openai-processing-ms']).toBe('12 [redacted]');
    expect(info.headers).not.toHaveProperty('x-internal-route');
    expect(info.request_headers.authorization).toBe('Bearer ••••');
    expect(info.request_headers['content-type']).toBe('application/json');
    expect(raw).not.toContain(KEY);
    expect(local.upstream.requests()[0].headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('inspect mode marks the provider\'s [DONE], and the simulator is named as such', async () => {
    local.upstream.script([{ kind: 'stream', chunks: textChunks('Hi') }]);
    const { raw } = await events(await proxied(ask({ stream: true }), { signal: new AbortController().signal, inspect: true }));
    expect(raw).toMatch(/: upstream-raw \[DONE\]\n(data: .*\n\n)*data: \[DONE\]\n\n$/);
    const simulated = await events(await proxied(ask({ stream: true, model: 'offline-simulator' }), { signal: new AbortController().signal, inspect: true }));
    expect(simulated.raw.split('\n')[0]).toBe(': upstream-response {"provider":"simulator"}');
  });

  it('without inspect mode nothing but the stream is sent', async () => {
    local.upstream.script([{ kind: 'stream', chunks: textChunks('Hi') }]);
    const { raw } = await events(await proxied(ask({ stream: true }), { signal: new AbortController().signal, inspect: false }));
    expect(raw.startsWith('data: ')).toBe(true);
    expect(raw).not.toContain(': upstream-');
  });

  it('a finished reply whose last event lacks its blank line and [DONE] still completes', async () => {
    const wire = textChunks('Hello', ' there').map((c) => `data: ${JSON.stringify(c)}`).join('\n\n');
    local.upstream.script([{ kind: 'stream', raw: wire }]);
    const response = await proxied(ask({ stream: true }), { signal: new AbortController().signal, inspect: false });
    const { data } = await events(response);
    expect(contentOf(data)).toBe('Hello there');
    expect(data[data.length - 1]).toBe('[DONE]');
  });

  it('inspect mode never shows the key, even when the provider echoes it', async () => {
    local.upstream.script([{ kind: 'stream', chunks: [chunk({ role: 'assistant', content: `echo Bearer ${KEY}` }), chunk({}, 'stop')] }]);
    const response = await proxied(ask({ stream: true }), { signal: new AbortController().signal, inspect: true });
    const { raw } = await events(response);
    expect(raw).toContain(': upstream-raw ');
    expect(raw.split('\n').filter((line) => line.startsWith(': upstream-raw')).join('\n')).not.toContain(KEY);
  });

  it('sends a usage chunk only when the client asked for one', async () => {
    const usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 };
    for (const includeUsage of [false, true]) {
      local.upstream.script([{ kind: 'stream', chunks: [...textChunks('Hi'), { ...env, choices: [], usage }] }]);
      const request = ask({ stream: true, ...(includeUsage ? { stream_options: { include_usage: true } } : {}) });
      const { data } = await events(await proxied(request, { signal: new AbortController().signal, inspect: false }));
      expect(data.some((d) => d !== '[DONE]' && JSON.parse(d).usage?.total_tokens === 5)).toBe(includeUsage);
    }
  });
});

describe('proxyChatCompletion, plain body', () => {
  it('a body that never finishes is abandoned with a 504 after the timeout', async () => {
    configure(300);
    local.upstream.script([{ kind: 'stream', chunks: ['{"id": "x"', '}'], delayMs: 2_000, done: false }]);
    const response = await proxied(ask(), { signal: new AbortController().signal, inspect: false });
    expect(response.status).toBe(504);
    expect((await response.json()).error.code).toBe('upstream_timeout');
  });
});

describe('proxyChatCompletion, a provider that echoes the key or sends too much', () => {
  const signal = () => new AbortController().signal;

  it('a chunk that holds the key is not forwarded as it came: redacted in data and in inspector lines', async () => {
    local.upstream.script([{ kind: 'stream', chunks: [...textChunks('a'), chunk({ content: `k=${KEY}` }), chunk({}, 'stop')], headers: { 'x-request-id': KEY } }]);
    const { data, raw } = await events(await proxied(ask({ stream: true }), { signal: signal(), inspect: true }));
    expect(raw).not.toContain(KEY);
    expect(contentOf(data)).toBe('ak=[redacted]');
    expect(raw).toContain(`: upstream-raw ${JSON.stringify(chunk({ content: 'k=[redacted]' }))}`);
  });

  it('an id the envelope repeats with the key in it is redacted once, and later chunks keep it', async () => {
    const id = `chatcmpl-${KEY}`;
    const echoing = (delta: Record<string, unknown>, finish: string | null = null) => ({ ...chunk(delta, finish), id });
    local.upstream.script([{ kind: 'stream', chunks: [echoing({ role: 'assistant', content: '' }), echoing({ content: 'x' }), echoing({}, 'stop')] }]);
    const { data } = await events(await proxied(ask({ stream: true }), { signal: signal(), inspect: false }));
    const ids = data.filter((d) => d !== '[DONE]').map((d) => JSON.parse(d).id);
    expect(new Set(ids)).toEqual(new Set(['chatcmpl-[redacted]']));
  });

  it('a client that stops reading for longer than the idle timeout still gets the whole stream', async () => {
    // One process holds both ends here: a busy machine can slow a read, so the timeout is not too tight.
    configure(1_000);
    const pieces = Array.from({ length: 2_000 }, (_, i) => `${i}${'p'.repeat(2_000)}`);
    local.upstream.script([{ kind: 'stream', chunks: textChunks(...pieces) }]);
    const reader = (await proxied(ask({ stream: true }), { signal: signal(), inspect: false })).body!.getReader();
    let text = new TextDecoder().decode((await reader.read()).value);
    await delay(2_500);
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += new TextDecoder().decode(r.value);
    expect(text.includes('upstream_timeout')).toBe(false);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('past AIML_API_STREAM_TIMEOUT_MS with the client not reading: the upstream is let go and the 504 waits in the stream', async () => {
    configure(5_000, { AIML_API_STREAM_TIMEOUT_MS: '400' });
    local.upstream.script([{ kind: 'flood', prefix: `data: ${JSON.stringify(chunk({ role: 'assistant', content: '' }))}\n\n`, fill: `data: ${JSON.stringify(chunk({ content: 'f'.repeat(1_000) }))}\n\n`, bytes: -1 }]);
    const reader = (await proxied(ask({ stream: true }), { signal: signal(), inspect: false })).body!.getReader();
    await reader.read();
    await expect.poll(() => local.upstream.requests()[0].aborted, { timeout: 3_000 }).toBe(true);
    let text = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += new TextDecoder().decode(r.value);
    expect(lastError((await events(new Response(text))).data)).toMatchObject({ code: 'upstream_timeout', status: 504 });
  });

  it('a line over AIML_API_MAX_LINE_CHARS ends the stream with a 502 naming it; the upstream is let go', async () => {
    configure(5_000, { AIML_API_MAX_LINE_CHARS: '1000' });
    local.upstream.script([{ kind: 'flood', prefix: 'data: ', fill: 'l'.repeat(100), bytes: -1 }]);
    const { data } = await events(await proxied(ask({ stream: true }), { signal: signal(), inspect: false }));
    expect(lastError(data)).toMatchObject({ code: 'upstream_too_large', status: 502 });
    expect(lastError(data).message).toContain('longer than 1000 characters (AIML_API_MAX_LINE_CHARS)');
    await expect.poll(() => local.upstream.requests()[0].aborted).toBe(true);
  });

  it('a plain body over AIML_API_MAX_BODY_BYTES is a 502 naming it', async () => {
    configure(5_000, { AIML_API_MAX_BODY_BYTES: '10000' });
    local.upstream.script([{ kind: 'flood', contentType: 'application/json', prefix: '{"a":"', fill: 'b', bytes: 20_000, suffix: '"}' }]);
    const response = await proxied(ask(), { signal: signal(), inspect: false });
    expect(response.status).toBe(502);
    expect((await response.json()).error.message).toContain('larger than 10000 bytes (AIML_API_MAX_BODY_BYTES)');
  });

  it('an upstream 204 is a 502 that says there was no body, streamed or not', async () => {
    local.upstream.script([{ kind: 'completion', status: 204, raw: '', repeat: 2 }]);
    for (const stream of [true, false]) {
      const response = await proxied(ask({ stream }), { signal: signal(), inspect: false });
      expect(response.status).toBe(502);
      expect((await response.json()).error).toMatchObject({ code: 'upstream_no_body' });
    }
  });
});
