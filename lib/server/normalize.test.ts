import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk } from '@/lib/wire/chat';
import { schemaErrors, sdkFinal, type SdkOutcome } from './fixtures/harness';
import { EXPECTED_CALLS, QUIRK_STREAMS } from './fixtures/quirk-streams';
import { isStreamError, mapFinishReason, normalizeCompletion, normalizeUsage, stableCallId, UpstreamFormatError } from './normalize';
import { StreamNormalizer } from './normalize-stream';

const ctx = { model: 'asked-model', requestId: 'req_42' };

function normalizeAll(events: unknown[], options: Partial<typeof ctx> & { includeUsage?: boolean } = {}): ChatCompletionChunk[] {
  const normalizer = new StreamNormalizer({ ...ctx, ...options });
  return [...events.flatMap((e) => normalizer.push(e)), ...normalizer.finish()];
}

function expectConformant(chunks: unknown[]): void {
  for (const chunk of chunks) expect(schemaErrors('CreateChatCompletionStreamResponse', chunk), JSON.stringify(chunk)).toBe('');
}

function expectThreeCalls(outcome: SdkOutcome): void {
  if (outcome.kind !== 'ok') throw new Error(`SDK ${outcome.kind}: ${outcome.kind === 'error' ? outcome.error.message : outcome.unhandled.join()}`);
  const [choice] = outcome.completion.choices;
  expect(choice.finish_reason).toBe('tool_calls');
  const calls = (choice.message.tool_calls ?? []).map((c) => (c.type === 'function' ? c : null));
  expect(calls.map((c) => ({ name: c?.function.name, arguments: JSON.parse(c?.function.arguments ?? 'null') }))).toEqual(EXPECTED_CALLS);
  const ids = calls.map((c) => c?.id ?? '');
  expect(new Set(ids).size).toBe(3);
  for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
}

const okCalls = (o: SdkOutcome) => (o.kind === 'ok' ? o.completion.choices[0] : undefined);
const argsOf = (o: SdkOutcome) => okCalls(o)?.message.tool_calls?.map((c) => (c.type === 'function' ? c.function.arguments : ''));

/** What the official SDK does with each raw (un-normalized) sequence, as observed. */
const RAW_OUTCOMES: Record<string, (o: SdkOutcome) => void> = {
  'openai-reference': (o) => expectThreeCalls(o),
  'arguments-as-object': (o) => expect(argsOf(o)).toEqual(['[object Object]', '[object Object]', '[object Object]']),
  'missing-ids': (o) => expect(o.kind === 'error' && o.error.message).toMatch(/missing choices\[0\]\.tool_calls\[0\]\.id/),
  'no-index': (o) => expect(okCalls(o)?.message.tool_calls).toEqual([]), // every call landed on tool_calls[undefined]
  'reused-index': (o) => expect(argsOf(o)).toEqual(['{"city": "Paris"}{"city": "London"}{}']),
  'stop-with-tool-calls': (o) => expect(okCalls(o)?.finish_reason).toBe('stop'),
  'anthropic-finish': (o) => expect(okCalls(o)?.finish_reason).toBe('tool_use'),
  'no-parameters': (o) => expect(argsOf(o)?.[2]).toBe(''),
  'bare-chunks': (o) => {
    expect(o.kind).toBe('hung');
    expect(o.unhandled).toContain('stream ended without producing a ChatCompletionMessage with role=assistant');
  },
  'missing-type': (o) => expect(o.kind === 'error' && o.error.message).toBe('tool call snapshot missing `type`'),
  'gemini-one-chunk': (o) => expect(okCalls(o)?.message.tool_calls).toEqual([]),
  'repeated-name-no-ids': (o) => expect(o.kind === 'error' && o.error.message).toBe('missing finish_reason for choice 0'),
  'usage-without-choices': (o) => expect(o.kind === 'error' && o.error.message).toMatch(/choices is not iterable/),
  'duplicate-ids': (o) => expect(okCalls(o)?.message.tool_calls?.map((c) => c.id)).toEqual(['call_0', 'call_0', 'call_0']),
};

describe('StreamNormalizer on recorded quirks', () => {
  it.each(Object.keys(QUIRK_STREAMS))('%s: raw breaks or mangles as recorded; normalized is spec-valid and gives the SDK three calls', async (name) => {
    const raw = QUIRK_STREAMS[name];
    RAW_OUTCOMES[name](await sdkFinal(raw));
    const chunks = normalizeAll(raw);
    expectConformant(chunks);
    expectThreeCalls(await sdkFinal(chunks));
  });

  it('the schemas do reject what the raw sequences send (the check has teeth)', () => {
    expect(schemaErrors('CreateChatCompletionStreamResponse', QUIRK_STREAMS['bare-chunks'][0])).not.toBe('');
    expect(schemaErrors('CreateChatCompletionStreamResponse', QUIRK_STREAMS['anthropic-finish'].at(-1))).toMatch(/finish_reason/);
    expect(schemaErrors('CreateChatCompletionStreamResponse', QUIRK_STREAMS['no-index'][1])).toMatch(/index/);
  });

  it('emits OpenAI-shaped deltas: role once, then id/type/name on a call’s first delta, dense indexes', () => {
    const chunks = normalizeAll(QUIRK_STREAMS['reused-index']);
    expect(chunks.filter((c) => c.choices[0]?.delta.role)).toHaveLength(1);
    const firsts = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []).filter((d) => d.id);
    expect(firsts.map((d) => [d.index, d.id, d.type, d.function?.name])).toEqual([
      [0, 'call_x1', 'function', 'get_weather'],
      [1, 'call_x2', 'function', 'get_weather'],
      [2, 'call_x3', 'function', 'get_time'],
    ]);
    expect(new Set(chunks.map((c) => `${c.id}|${c.created}|${c.model}`)).size).toBe(1);
  });

  it('generates the same call ids for the same upstream reply, and distinct ones per completion', () => {
    const ids = (events: unknown[]) => normalizeAll(events).flatMap((c) => c.choices[0]?.delta.tool_calls ?? []).flatMap((d) => (d.id ? [d.id] : []));
    const gemini = QUIRK_STREAMS['gemini-one-chunk'];
    expect(ids(gemini)).toEqual(ids(gemini));
    const other = gemini.map((e) => ({ ...(e as object), id: 'chatcmpl-other' }));
    expect(ids(other)).not.toEqual(ids(gemini));
  });
});

describe('StreamNormalizer envelope, usage and finish', () => {
  it('fills id, object, created, model from the context when the upstream sends none', () => {
    const [chunk] = normalizeAll([{ choices: [{ delta: { content: 'Hi' } }] }]);
    expect(chunk).toMatchObject({ id: 'chatcmpl-req_42', object: 'chat.completion.chunk', model: 'asked-model' });
    expect(chunk.choices[0]).toEqual({ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null, logprobs: null });
    expect(Number.isInteger(chunk.created)).toBe(true);
  });

  it('keeps usage for one last choices-less chunk, completing partial counts; drops it when not asked', () => {
    const events = [{ id: 'c1', choices: [{ index: 0, delta: { content: 'x' }, finish_reason: 'stop' }], usage: { prompt_tokens: 5 } }, { id: 'c1', usage: { prompt_tokens: 5, total_tokens: 9 } }];
    const chunks = normalizeAll(events);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 } });
    expect(chunks.filter((c) => c.usage)).toHaveLength(1);
    expectConformant(chunks);
    expect(normalizeAll(events, { includeUsage: false }).some((c) => c.usage)).toBe(false);
  });

  it('reports sawFinish, adds the missing finish chunk at the end, and finishes once', () => {
    const n = new StreamNormalizer(ctx);
    n.push({ choices: [{ index: 0, delta: { content: 'partial' } }] });
    expect(n.sawFinish).toBe(false);
    expect(n.finish().map((c) => c.choices[0]?.finish_reason)).toEqual(['stop']);
    expect(n.finish()).toEqual([]);
    expect(n.chunkCount).toBe(1);
    const m = new StreamNormalizer(ctx);
    m.push({ choices: [{ index: 0, delta: {}, finish_reason: 'end_turn' }] });
    m.push({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }); // a repeated finish is dropped
    expect(m.sawFinish).toBe(true);
    expect(m.finish()).toEqual([]);
  });

  it('maps max_tokens to length even with calls, and never claims tool_calls without a call', () => {
    const cut = normalizeAll([{ choices: [{ delta: { tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{"x":' } }] }, finish_reason: 'max_tokens' }] }]);
    expect(cut.at(-1)?.choices[0]?.finish_reason).toBe('length');
    const none = normalizeAll([{ choices: [{ delta: { content: 'hi' }, finish_reason: 'tool_calls' }] }]);
    expect(none.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('turns a legacy function_call delta into a tool call, joins content parts, drops unknown fields (reasoning is known)', () => {
    const chunks = normalizeAll([
      { choices: [{ delta: { content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }], reasoning_content: 'hmm', x_provider_extra: 'drop me' } }] },
      { choices: [{ delta: { function_call: { name: 'f', arguments: '{"q":' } } }] },
      { choices: [{ delta: { function_call: { arguments: '1}' } } }] },
    ]);
    expectConformant(chunks);
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', reasoning_content: 'hmm', content: 'ab' });
    expect(chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []).map((d) => d.function?.arguments).join('')).toBe('{"q":1}');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('keeps choices apart when n > 1', () => {
    const chunks = normalizeAll([{ choices: [{ index: 0, delta: { content: 'A' } }, { index: 1, delta: { content: 'B' } }] }]);
    expect(chunks.map((c) => [c.choices[0].index, c.choices[0].delta.content ?? c.choices[0].finish_reason])).toEqual([
      [0, 'A'], [1, 'B'], [0, 'stop'], [1, 'stop'],
    ]);
  });

  it('refuses what is not a chunk, and reports error events as typed errors', () => {
    const n = new StreamNormalizer(ctx);
    expect(() => n.push('not json')).toThrow(UpstreamFormatError);
    expect(() => n.push(42)).toThrow(/not a JSON object/);
    expect(n.push({ object: 'keep-alive' })).toEqual([]);
    const payload = { error: { message: 'Overloaded', type: 'server_error', code: null } };
    expect(isStreamError(payload)).toBe(true);
    expect(isStreamError({ message: 'x' }, 'error')).toBe(true);
    expect(isStreamError({ choices: [] })).toBe(false);
    try {
      n.push(payload);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UpstreamFormatError);
      expect((error as UpstreamFormatError).upstreamError).toMatchObject({ message: 'Overloaded', type: 'server_error' });
    }
  });
});

describe('normalizeCompletion', () => {
  /** The "Functions" response example from OpenAI's spec. */
  const reference = {
    id: 'chatcmpl-abc123', object: 'chat.completion', created: 1699896916, model: 'gpt-4o-mini',
    choices: [{
      index: 0,
      message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_abc123', type: 'function', function: { name: 'get_current_weather', arguments: '{\n"location": "Boston, MA"\n}' } }] },
      logprobs: null, finish_reason: 'tool_calls',
    }],
    usage: { prompt_tokens: 82, completion_tokens: 17, total_tokens: 99, completion_tokens_details: { reasoning_tokens: 0 } },
  };

  it('keeps a spec reply as it is (adding the required refusal: null)', () => {
    const out = normalizeCompletion(reference, ctx);
    expect(schemaErrors('CreateChatCompletionResponse', out)).toBe('');
    expect(out).toEqual({
      ...reference,
      choices: [{ ...reference.choices[0], message: { ...reference.choices[0].message, refusal: null } }],
      usage: { prompt_tokens: 82, completion_tokens: 17, total_tokens: 99 },
    });
  });

  it('repairs object arguments, missing/duplicate ids and type, empty arguments, content "", finish reason, usage', () => {
    const raw = {
      choices: [{
        message: { content: '', tool_calls: [
          { id: '', function: { name: 'get_weather', arguments: { city: 'Paris' } } },
          { id: 'dup', function: { name: 'get_weather', arguments: '{"city":"London"}' } },
          { id: 'dup', type: 'function', function: { name: 'get_time', arguments: null } },
        ] },
        finish_reason: 'end_turn',
      }],
      usage: { prompt_tokens: 10, total_tokens: 25 },
    };
    expect(schemaErrors('CreateChatCompletionResponse', raw)).not.toBe('');
    const out = normalizeCompletion(raw, ctx);
    expect(schemaErrors('CreateChatCompletionResponse', out)).toBe('');
    const id = 'chatcmpl-req_42';
    expect(out).toEqual({
      id, object: 'chat.completion', created: expect.any(Number), model: 'asked-model',
      choices: [{
        index: 0, logprobs: null, finish_reason: 'tool_calls',
        message: { role: 'assistant', content: null, refusal: null, tool_calls: [
          { id: stableCallId(id, 0, 0), type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'dup', type: 'function', function: { name: 'get_weather', arguments: '{"city":"London"}' } },
          { id: stableCallId(id, 0, 2), type: 'function', function: { name: 'get_time', arguments: '{}' } },
        ] },
      }],
      usage: { prompt_tokens: 10, completion_tokens: 15, total_tokens: 25 },
    });
    expect(normalizeCompletion(raw, ctx).choices[0].message.tool_calls?.[0].id).toBe(stableCallId(id, 0, 0));
  });

  it('reads other shapes: Ollama native, text parts, legacy function_call, tool_calls: [], ms timestamps, a JSON string', () => {
    const ollama = normalizeCompletion({ model: 'llama3.1', message: { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_time', arguments: {} } }] }, done_reason: 'stop' }, ctx);
    expect(ollama.model).toBe('llama3.1');
    expect(ollama.choices[0]).toMatchObject({ finish_reason: 'tool_calls', message: { content: null, tool_calls: [{ type: 'function', function: { name: 'get_time', arguments: '{}' } }] } });
    const parts = normalizeCompletion({ created: 1735689600123, choices: [{ message: { content: [{ type: 'text', text: 'Hi ' }, { type: 'text', text: 'there' }], tool_calls: [] }, finish_reason: 'eos' }] }, ctx);
    expect(parts.created).toBe(1735689600);
    expect(parts.choices[0]).toEqual({ index: 0, message: { role: 'assistant', content: 'Hi there', refusal: null }, finish_reason: 'stop', logprobs: null });
    const legacy = normalizeCompletion(JSON.stringify({ choices: [{ message: { function_call: { name: 'f', arguments: '{"a":1}' } }, finish_reason: 'function_call' }] }), ctx);
    expect(legacy.choices[0]).toMatchObject({ finish_reason: 'tool_calls', message: { tool_calls: [{ function: { name: 'f', arguments: '{"a":1}' } }] } });
    for (const out of [ollama, parts, legacy]) expect(schemaErrors('CreateChatCompletionResponse', out)).toBe('');
    expect(normalizeCompletion({ choices: [{ message: { content: '' }, finish_reason: 'stop' }] }, ctx).choices[0].message.content).toBe('');
  });

  it('throws a typed error for what is not a completion', () => {
    expect(() => normalizeCompletion({ object: 'list', data: [] }, ctx)).toThrow(/without "choices".*AIML_API_BASE_URL/);
    expect(() => normalizeCompletion([1, 2], ctx)).toThrow(UpstreamFormatError);
    expect(() => normalizeCompletion('<html>', ctx)).toThrow(/not a JSON object/);
    const error = (() => {
      try {
        normalizeCompletion({ message: 'You have run out of credits', statusCode: '403', error: 'Forbidden' }, ctx);
      } catch (e) {
        return e as UpstreamFormatError;
      }
    })();
    expect(error?.status).toBe(502);
    expect(error?.upstreamError).toMatchObject({ message: 'You have run out of credits', status: 403 });
    expect(() => normalizeCompletion({ message: 'Model is overloaded', statusCode: 503 }, ctx)).toThrow(
      expect.objectContaining({ message: 'The model provider answered with an error: Model is overloaded', upstreamError: expect.objectContaining({ status: 503 }) }),
    );
  });
});

describe('mapFinishReason and normalizeUsage', () => {
  it.each([
    ['stop', false, 'stop'], ['stop', true, 'tool_calls'], [null, true, 'tool_calls'], ['eos', true, 'tool_calls'],
    ['end_turn', false, 'stop'], ['end_turn', true, 'tool_calls'], ['tool_use', true, 'tool_calls'], ['tool_use', false, 'stop'],
    ['max_tokens', false, 'length'], ['MAX_TOKENS', true, 'length'], ['SAFETY', false, 'content_filter'],
    ['FINISH_REASON_STOP', false, 'stop'], ['weird', false, 'stop'], [undefined, false, 'stop'], ['function_call', true, 'tool_calls'],
  ])('%s with calls=%s → %s', (raw, calls, expected) => {
    expect(mapFinishReason(raw, calls)).toBe(expected);
  });

  it('derives missing counts and ignores junk', () => {
    expect(normalizeUsage({ prompt_tokens: 3, completion_tokens: 4 })).toEqual({ prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 });
    expect(normalizeUsage({ input_tokens: '3', output_tokens: 4 })).toEqual({ prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 });
    expect(normalizeUsage({ completion_tokens: 4, total_tokens: 10 })).toEqual({ prompt_tokens: 6, completion_tokens: 4, total_tokens: 10 });
    expect(normalizeUsage({ total_tokens: 10 })).toEqual({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 10 });
    expect(normalizeUsage({ foo: 1 })).toBeUndefined();
    expect(normalizeUsage(null)).toBeUndefined();
  });
});

describe('StreamNormalizer property: any fragmentation and mix of quirks gives the SDK three calls', () => {
  const args = ['{"city": "Paris"}', '{"city": "London"}', '{}'];
  const names = ['get_weather', 'get_weather', 'get_time'];
  const cuts = fc.array(fc.nat(30), { maxLength: 4 });
  const quirks = fc.record({
    omitIndex: fc.boolean(), reuseIndex: fc.boolean(), omitIds: fc.boolean(), omitType: fc.boolean(), repeatName: fc.boolean(),
    objectArgs: fc.boolean(), emptyNoParams: fc.constantFrom('{}', '', null), finish: fc.constantFrom('tool_calls', 'stop', 'end_turn', 'tool_use', 'eos', null),
    usageInline: fc.boolean(),
  });

  it('holds', async () => {
    await fc.assert(
      fc.asyncProperty(quirks, fc.tuple(cuts, cuts, cuts), async (q, cutSets) => {
        const events: unknown[] = [];
        const chunk = (delta: object, finish_reason: string | null = null, extra: object = {}) => ({ id: 'p1', choices: [{ index: 0, delta, finish_reason }], ...extra });
        names.forEach((name, k) => {
          const text = k === 2 ? q.emptyNoParams : args[k];
          const pieces: unknown[] = q.objectArgs && text ? [JSON.parse(text)] : text === null ? [null] : split(text, cutSets[k]);
          pieces.forEach((piece, p) => {
            const first = p === 0;
            events.push(chunk({ tool_calls: [{
              ...(q.omitIndex ? {} : { index: q.reuseIndex ? 0 : k }),
              ...(first && !q.omitIds ? { id: `call_${k}` } : {}),
              ...(first && !q.omitType ? { type: 'function' } : {}),
              function: { ...(first || q.repeatName ? { name } : {}), arguments: piece },
            }] }));
          });
        });
        const usage = { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 };
        events.push(q.finish === null ? chunk({}) : chunk({}, q.finish, q.usageInline ? { usage } : {}));
        const chunks = normalizeAll(events);
        expectConformant(chunks);
        expectThreeCalls(await sdkFinal(chunks));
      }),
      { numRuns: 60 },
    );
  });
});

/** Splits at the given offsets (each taken modulo the length), keeping at least one piece. */
function split(text: string, offsets: number[]): string[] {
  const points = [...new Set(offsets.map((o) => (text.length ? o % text.length : 0)))].filter((p) => p > 0).sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const p of points) {
    pieces.push(text.slice(from, p));
    from = p;
  }
  pieces.push(text.slice(from));
  return pieces;
}
