/**
 * The stream relay forwards an upstream chunk's own JSON text when the normalizer says it is already
 * conformant (`acceptAsIs`). These tests hold that promise: whatever it accepts is, in meaning,
 * exactly what the normalizer would have sent, and the stream's state moves on the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schemaErrors } from './fixtures/harness';
import { QUIRK_STREAMS } from './fixtures/quirk-streams';
import { StreamNormalizer } from './normalize-stream';

const ctx = { model: 'asked-model', requestId: 'req_42' };
const roundTrip = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/** The two differences the fast path tolerates (both allowed by the spec), taken out for comparing. */
function canon(chunk: unknown): unknown {
  const c = structuredClone(chunk) as Record<string, unknown>;
  if (c.usage === null) delete c.usage;
  if (Array.isArray(c.choices)) for (const choice of c.choices as Record<string, unknown>[]) choice.logprobs ??= null;
  return c;
}

/** Runs the events through the fast path (as the proxy does) and through `push` alone. */
function both(events: unknown[]) {
  const fast = new StreamNormalizer(ctx);
  const slow = new StreamNormalizer(ctx);
  const fastOut: unknown[] = [];
  const slowOut: unknown[] = [];
  let accepted = 0;
  for (const event of events) {
    const raw = roundTrip(event);
    const run = (n: StreamNormalizer, out: unknown[], tryFast: boolean) => {
      try {
        if (tryFast && n.acceptAsIs(raw)) {
          accepted += 1;
          out.push(JSON.parse(JSON.stringify(raw)));
        } else {
          for (const chunk of n.push(raw)) out.push(roundTrip(chunk));
        }
      } catch (error) {
        out.push({ threw: (error as Error).message });
      }
    };
    run(fast, fastOut, true);
    run(slow, slowOut, false);
  }
  fastOut.push(...fast.finish().map(roundTrip));
  slowOut.push(...slow.finish().map(roundTrip));
  return { fastOut: fastOut.map(canon), slowOut: slowOut.map(canon), accepted, fast, slow, rawFast: fastOut };
}

const env = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1735689600, model: 'gpt-4o', system_fingerprint: 'fp_1' };
const chunk = (delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) => ({
  ...env,
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  ...extra,
});
const textStream = (withUsage: boolean) => [
  chunk({ role: 'assistant', content: '', refusal: null }, null, withUsage ? { usage: null } : {}),
  ...['Hello', ' there', ',', ' world'].map((content) => chunk({ content }, null, withUsage ? { usage: null } : {})),
  chunk({}, 'stop', withUsage ? { usage: null } : {}),
  ...(withUsage ? [{ ...env, choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } }] : []),
];

describe('StreamNormalizer.acceptAsIs', () => {
  it('accepts the text deltas of an OpenAI stream, and the result is what push sends', () => {
    for (const withUsage of [false, true]) {
      const { fastOut, slowOut, accepted, fast, slow } = both(textStream(withUsage));
      expect(accepted).toBe(4);
      expect(fastOut).toEqual(slowOut);
      expect(fast.chunkCount).toBe(slow.chunkCount);
      expect(fast.sawFinish).toBe(true);
    }
  });

  it('forwarded chunks are spec chunks', () => {
    const { rawFast } = both(textStream(true));
    for (const out of rawFast) expect(schemaErrors('CreateChatCompletionStreamResponse', out), JSON.stringify(out)).toBe('');
  });

  it.each(Object.keys(QUIRK_STREAMS))('%s: the same output with and without the fast path', (name) => {
    const { fastOut, slowOut } = both(QUIRK_STREAMS[name]);
    expect(fastOut).toEqual(slowOut);
  });

  it('accepts argument deltas of an opened call under its own index', () => {
    const { accepted, fastOut, slowOut } = both(QUIRK_STREAMS['openai-reference']);
    expect(accepted).toBe(4);
    expect(fastOut).toEqual(slowOut);
  });

  it.each([
    ['the first chunk', [chunk({ content: 'a' })], 0],
    ['a role delta', [chunk({ role: 'assistant', content: '' }), chunk({ role: 'assistant', content: 'a' })], 0],
    ['another id', [chunk({ role: 'assistant', content: '' }), { ...chunk({ content: 'a' }), id: 'other' }], 0],
    ['another created', [chunk({ role: 'assistant', content: '' }), { ...chunk({ content: 'a' }), created: 1 }], 0],
    ['no fingerprint after one', [chunk({ role: 'assistant', content: '' }), { ...chunk({ content: 'a' }), system_fingerprint: undefined }], 0],
    ['an extra key', [chunk({ role: 'assistant', content: '' }), chunk({ content: 'a' }, null, { service_tier: 'default' })], 0],
    ['usage', [chunk({ role: 'assistant', content: '' }), chunk({ content: 'a' }, null, { usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } })], 0],
    ['a finish', [chunk({ role: 'assistant', content: '' }), chunk({ content: 'a' }, 'stop')], 0],
    ['an empty content', [chunk({ role: 'assistant', content: '' }), chunk({ content: '' })], 0],
    ['content parts', [chunk({ role: 'assistant', content: '' }), chunk({ content: [{ type: 'text', text: 'a' }] })], 0],
    ['logprobs', [chunk({ role: 'assistant', content: '' }), { ...env, choices: [{ index: 0, delta: { content: 'a' }, logprobs: { content: [] }, finish_reason: null }] }], 0],
    ['two choices', [chunk({ role: 'assistant', content: '' }), { ...env, choices: [{ index: 0, delta: { content: 'a' }, finish_reason: null }, { index: 1, delta: { content: 'b' }, finish_reason: null }] }], 0],
    ['no index', [chunk({ role: 'assistant', content: '' }), { ...env, choices: [{ delta: { content: 'a' }, finish_reason: null }] }], 0],
    ['no finish_reason', [chunk({ role: 'assistant', content: '' }), { ...env, choices: [{ index: 0, delta: { content: 'a' } }] }], 0],
    ['after the finish', [chunk({ role: 'assistant', content: '' }), chunk({}, 'stop'), chunk({ content: 'a' })], 0],
    ['content with a refusal', [chunk({ role: 'assistant', content: '' }), chunk({ content: 'a', refusal: null })], 0],
    ['arguments of an unopened index', [chunk({ role: 'assistant', content: '' }), chunk({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] })], 0],
  ])('refuses %s', (_name, events, expected) => {
    const { accepted, fastOut, slowOut } = both(events);
    expect(accepted).toBe(expected);
    expect(fastOut).toEqual(slowOut);
  });

  it('property: whatever it accepts, the fast path sends what push would, and the state moves on alike', () => {
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const callDelta = fc.record(
      {
        index: maybe(fc.constantFrom(0, 1, 2, -1, '0')),
        id: maybe(fc.constantFrom('call_a', 'call_b', '')),
        type: maybe(fc.constant('function')),
        function: maybe(fc.record({ name: maybe(fc.constantFrom('f', 'g', '')), arguments: maybe(fc.constantFrom('{', '"a":1', '}', '', '{}', 3)) }, { requiredKeys: [] })),
      },
      { requiredKeys: [] },
    );
    const delta = fc.record(
      {
        role: maybe(fc.constantFrom('assistant', null)),
        content: maybe(fc.constantFrom('a', ' b', '', null, 5)),
        refusal: maybe(fc.constantFrom(null, 'no')),
        tool_calls: maybe(fc.array(callDelta, { maxLength: 2 })),
      },
      { requiredKeys: [] },
    );
    const choice = fc.record(
      {
        index: maybe(fc.constantFrom(0, 1, null)),
        delta: maybe(fc.oneof(delta, fc.constant(null))),
        logprobs: maybe(fc.constantFrom(null, { content: [] })),
        finish_reason: maybe(fc.constantFrom(null, 'stop', 'tool_calls', 'length', '')),
      },
      { requiredKeys: [] },
    );
    const event = fc.record(
      {
        id: maybe(fc.constantFrom('chatcmpl-1', 'chatcmpl-2')),
        object: maybe(fc.constantFrom('chat.completion.chunk', 'chat.completion')),
        created: maybe(fc.constantFrom(1735689600, 1735689601)),
        model: maybe(fc.constantFrom('gpt-4o', 'other')),
        system_fingerprint: maybe(fc.constantFrom('fp_1', 'fp_2')),
        usage: maybe(fc.constantFrom(null, { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 })),
        choices: maybe(fc.array(choice, { maxLength: 2 })),
        extra: maybe(fc.constant(1)),
      },
      { requiredKeys: [] },
    );
    // Start from a proper first chunk (and some proper text deltas) so that the fast path is reached often.
    const proper = fc.constantFrom(chunk({ content: 'x' }), chunk({ tool_calls: [{ index: 0, function: { arguments: '"a"' } }] }));
    const opening = [chunk({ role: 'assistant', content: '' }), chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '' } }] })];
    // A proper chunk with one field (of the envelope, the choice or the delta) changed.
    const value = fc.constantFrom(undefined, null, 0, 1, 1735689601, '', 'x', 'fp_2', 'chatcmpl-2', 'stop', [], {}, { prompt_tokens: 1 });
    const oneOff = fc
      .tuple(proper, fc.constantFrom('top', 'choice', 'delta'), fc.constantFrom('id', 'object', 'created', 'model', 'system_fingerprint', 'usage', 'index', 'logprobs', 'finish_reason', 'content', 'role', 'tool_calls', 'refusal'), value)
      .map(([base, where, key, v]) => {
        const copy = structuredClone(base) as { choices: Array<Record<string, unknown> & { delta: Record<string, unknown> }> } & Record<string, unknown>;
        const target: Record<string, unknown> = where === 'top' ? copy : where === 'choice' ? copy.choices[0] : copy.choices[0].delta;
        target[key] = v;
        return copy;
      });
    let acceptedTotal = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(event, proper, proper, oneOff, oneOff), { maxLength: 12 }), (events) => {
        const { fastOut, slowOut, accepted } = both([...opening, ...events]);
        acceptedTotal += accepted;
        expect(fastOut).toEqual(slowOut);
      }),
      { numRuns: 500 },
    );
    expect(acceptedTotal).toBeGreaterThan(0);
  });
});
