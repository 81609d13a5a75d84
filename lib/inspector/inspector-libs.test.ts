import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { ModelCall } from '@/lib/conversation/state';
import type { ChatRequest } from '@/lib/wire/chat';
import { callCost, describeCost, formatUsd } from '@/lib/pricing/cost';
import { MODEL_PRICES } from '@/lib/pricing/prices';
import { UPSTREAM_MODELS } from '@/lib/wire/models';
import { callAsCurl, callAsJson } from './copy';
import { compareChunk, jsonChanges } from './json-changes';
import { arrivalAt, parseRawStream, RawStreamReader } from './raw-stream';
import { callTimeline, turnBars } from './timeline';

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish }] });

const META = ': upstream-response {"provider":"upstream","status":200,"headers":{"x-request-id":"req_1"},"request_headers":{"authorization":"Bearer ••••"}}\n';

describe('the raw stream as chunks', () => {
  const quirky = JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: { a: 1 } } }] }, finish_reason: null }] });
  const fixed = chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] });
  const raw = [
    META,
    `: upstream-raw ${chunk({ content: 'Hi' })}\ndata: ${chunk({ content: 'Hi' })}\n\n`,
    `: upstream-raw ${quirky}\ndata: ${fixed}\n\n`,
    `: upstream-raw [DONE]\ndata: ${chunk({}, 'tool_calls')}\n\ndata: [DONE]\n\n`,
  ].join('');
  // Three network reads: the meta and first chunk, the second, the end.
  const cut1 = raw.indexOf(': upstream-raw', META.length + 10);
  const cut2 = raw.indexOf(': upstream-raw [DONE]');
  const times = [[0, 40], [cut1, 95], [cut2, 130]] as const;

  it('pairs each provider event with what our server sent for it, at the time it arrived', () => {
    const parsed = parseRawStream(raw, [...times]);
    expect(parsed.upstream).toMatchObject({ provider: 'upstream', status: 200, headers: { 'x-request-id': 'req_1' } });
    expect(parsed.chunks.map((c) => [c.ms, c.provider === null ? null : c.provider.slice(0, 6), c.sent.length])).toEqual([
      [40, '{"id":', 1],
      [95, '{"id":', 1],
      [130, '[DONE]', 2],
    ]);
    expect(parsed.chunks[2].sent[1]).toBe('[DONE]');
  });

  it('says what the normalizer changed, and nothing when it forwarded the event as it came', () => {
    const [same, changed, done] = parseRawStream(raw, []).chunks;
    expect(compareChunk(same.provider!, same.sent)).toEqual({ kind: 'same' });
    expect(compareChunk(changed.provider!, changed.sent)).toEqual({
      kind: 'changed',
      changes: [{ path: 'choices[0].delta.tool_calls[0].function.arguments', kind: 'changed', before: { a: 1 }, after: '{"a":1}' }],
    });
    expect(compareChunk(done.provider!, done.sent).kind).toBe('text');
    expect(compareChunk(chunk({ content: '' }), []).kind).toBe('held');
  });

  it('read as it grows, piece by piece, it gives what the whole text gives', () => {
    const reader = new RawStreamReader();
    let last = reader.read('', []);
    for (let i = 1; i <= raw.length; i += 7) last = reader.read(raw.slice(0, i), [...times]);
    last = reader.read(raw, [...times]);
    expect(last).toEqual(parseRawStream(raw, [...times]));
    // Another text (a different call) starts again.
    expect(reader.read(`data: x\n`, []).chunks).toEqual([{ ms: null, provider: null, sent: ['x'] }]);
  });

  it('a simulator stream names no provider, and data before any provider line stands alone', () => {
    const parsed = parseRawStream(`: upstream-response {"provider":"simulator"}\ndata: ${chunk({ content: 'a' })}\n\ndata: [DONE]\n\n`, [[0, 7]]);
    expect(parsed.upstream).toEqual({ provider: 'simulator' });
    expect(parsed.chunks).toEqual([{ ms: 7, provider: null, sent: [chunk({ content: 'a' }), '[DONE]'] }]);
  });

  it('a garbled or missing meta line and unknown comments are ignored', () => {
    expect(parseRawStream(': upstream-response {nope\n: other\ndata: x\n\n', []).upstream).toBeNull();
    expect(parseRawStream(': upstream-response {"provider":"upstream","status":"200"}\n', []).upstream).toBeNull();
    expect(arrivalAt([], 5)).toBeNull();
    expect(arrivalAt([[0, 1], [10, 2], [20, 3]], 15)).toBe(2);
  });

  it('keeps an own __proto__ header as data', () => {
    const parsed = parseRawStream(': upstream-response {"provider":"upstream","status":200,"headers":{"__proto__":"x"},"request_headers":{}}\n', []);
    const headers = parsed.upstream?.provider === 'upstream' ? parsed.upstream.headers : {};
    expect(Object.keys(headers)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
  });
});

describe('jsonChanges', () => {
  it('lists added, removed and changed paths, quoting keys that are not identifiers', () => {
    expect(jsonChanges({ a: 1, b: [1, 2], 'x-y': 1 }, { a: 2, b: [1], c: null, 'x-y': 1 })).toEqual([
      { path: 'a', kind: 'changed', before: 1, after: 2 },
      { path: 'b[1]', kind: 'removed', before: 2 },
      { path: 'c', kind: 'added', after: null },
    ]);
    expect(jsonChanges({ 'a b': 1 }, { 'a b': 2 })[0].path).toBe('["a b"]');
  });

  it('stops at the bound', () => {
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    expect(jsonChanges(many, {}, 50)).toHaveLength(50);
  });
});

describe('the timeline of a call and of a turn', () => {
  const call = { startedAt: 1000, firstTokenAt: 1040, finishedAt: 1200, status: 'done' as const };
  const toolChunk = (index: number, name: string) => chunk({ tool_calls: [{ index, id: `c${index}`, type: 'function', function: { name, arguments: '' } }] });

  it('marks the request, first token, each tool call once, and the finish, in time order', () => {
    const chunks = [
      { ms: 40, provider: null, sent: [toolChunk(0, 'get_current_weather')] },
      { ms: 60, provider: null, sent: [chunk({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] })] },
      { ms: 90, provider: null, sent: [toolChunk(1, 'get_current_weather')] },
    ];
    expect(callTimeline({ ...call, firstTokenAt: 1041 }, chunks).map((m) => [m.kind, m.ms])).toEqual([
      ['request', 0],
      ['first-token', 40],
      ['tool-call', 40],
      ['tool-call', 90],
      ['finish', 200],
    ]);
  });

  it('puts the calls of a conversation on one axis, a running one ending at its last arrival', () => {
    const bars = turnBars([{ ...call, rawTimes: [] }, { startedAt: 1800, firstTokenAt: null, finishedAt: null, status: 'streaming', rawTimes: [[0, 50], [90, 200]] }]);
    expect(bars).toEqual([
      { start: 0, width: 0.2 },
      { start: 0.8, width: 0.2 },
    ]);
    expect(turnBars([])).toEqual([]);
  });
});

describe('cost from the price table', () => {
  it('prompt and completion tokens times the published price; the simulator is free; others unknown', () => {
    const usage = { prompt_tokens: 1_000, completion_tokens: 200, total_tokens: 1_200 };
    const cost = callCost('gpt-4o', usage);
    expect(cost.kind === 'priced' && cost.usd).toBeCloseTo(0.0045, 10);
    expect(describeCost(cost)).toBe('$0.0045');
    expect(describeCost(callCost('offline-simulator', usage))).toBe('free (offline simulator)');
    expect(callCost('qwen-max', usage)).toEqual({ kind: 'unknown', reason: 'no-price' });
    expect(callCost('gpt-4o', null)).toEqual({ kind: 'unknown', reason: 'no-usage' });
    expect(callCost('toString', usage)).toEqual({ kind: 'unknown', reason: 'no-price' });
    expect(formatUsd(0.000125)).toBe('$0.000125');
    expect(formatUsd(0)).toBe('$0');
  });

  it('prices only listed models, each with a source and a date', () => {
    const listed = new Set(UPSTREAM_MODELS.map(([id]) => id));
    for (const [id, price] of Object.entries(MODEL_PRICES)) {
      expect(listed.has(id), id).toBe(true);
      expect(price.source).toMatch(/^https:\/\//);
      expect(price.asOf).toMatch(/^\d{4}-\d{2}$/);
      expect(price.input).toBeGreaterThan(0);
    }
  });
});

describe('Copy as curl and as JSON', () => {
  const body: ChatRequest = { model: 'gpt-4o', messages: [{ role: 'user', content: `it's "$HOME" \`id\`\nJSON` }], stream: true };

  it('asks the provider with the key as $AIML_API_KEY, the body passed to curl unchanged by the shell', () => {
    const curl = callAsCurl({ body }, 'http://127.0.0.1:3000');
    expect(curl).toContain(`curl -sS -N 'https://api.aimlapi.com/v1/chat/completions'`);
    expect(curl).toContain('-H "Authorization: Bearer $AIML_API_KEY"');
    // bash parses it, and the heredoc gives curl the body exactly (curl replaced by a printer).
    const printed = execFileSync('bash', ['--noprofile', '--norc', '-c', `curl() { cat; }\n${curl}`], { env: { ...process.env, BASH_ENV: '' } }).toString();
    expect(JSON.parse(printed)).toEqual(body);
  });

  it('asks the playground itself for a simulator call, with no key', () => {
    const curl = callAsCurl({ body: { ...body, model: 'offline-simulator' } }, 'http://127.0.0.1:3000');
    expect(curl).toContain(`'http://127.0.0.1:3000/api/v1/chat/completions'`);
    expect(curl).not.toContain('Authorization');
  });

  it('the JSON holds the request, the response with its chunks, and the timings', () => {
    const call = { requestId: 'r', body, startedAt: 0, firstTokenAt: 40, finishedAt: 90, raw: '', rawDroppedChars: null, rawTimes: [], http: { status: 200, headers: { a: 'b' } }, status: 'done', usage: null, error: null, finishReason: 'stop', assembled: null } satisfies ModelCall;
    const json = JSON.parse(callAsJson(call, { role: 'assistant', content: 'Hi' }, { upstream: null, chunks: [{ ms: 40, provider: null, sent: ['x'] }] }));
    expect(json).toMatchObject({ request: { body }, response: { status: 200, headers: { a: 'b' }, chunks: [{ ms: 40 }], message: { content: 'Hi' } }, timing: { first_token_ms: 40, total_ms: 90 } });
  });
});
