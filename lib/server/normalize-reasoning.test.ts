/**
 * A reasoning model's thinking reaches the page as `reasoning_content`, whether the upstream called it
 * that (DeepSeek, Qwen) or `reasoning` (OpenRouter-style aggregators), in plain replies and in streams.
 */
import { describe, expect, it } from 'vitest';
import { compareChunk } from '@/lib/inspector/json-changes';
import { schemaErrors } from './fixtures/harness';
import { normalizeCompletion } from './normalize';
import { StreamNormalizer } from './normalize-stream';

const ctx = { model: 'deepseek-reasoner', requestId: 'req_r1' };
const env = { id: 'chatcmpl-r', object: 'chat.completion.chunk', created: 1735689600, model: 'deepseek-reasoner' };
const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({ ...env, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });

/** DeepSeek's thinking-mode stream as it sends it: reasoning deltas (content null), then content deltas, then a tool call. */
const DEEPSEEK_STREAM = [
  chunk({ role: 'assistant', content: null, reasoning_content: '' }),
  chunk({ content: null, reasoning_content: 'The user wants' }),
  chunk({ reasoning_content: ' the weather.' }),
  chunk({ content: 'Checking.', reasoning_content: null }),
  chunk({ tool_calls: [{ index: 0, id: 'call_0', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] }),
  chunk({}, 'tool_calls'),
];

/** The same reply from an OpenRouter-style aggregator: `reasoning` instead of `reasoning_content`. */
const AGGREGATOR_STREAM = [
  chunk({ role: 'assistant', content: '', reasoning: 'The user wants' }),
  chunk({ content: '', reasoning: ' the weather.' }),
  chunk({ content: 'Checking.' }),
  chunk({}, 'stop'),
];

function run(events: unknown[]) {
  const normalizer = new StreamNormalizer(ctx);
  return [...events.flatMap((e) => normalizer.push(e)), ...normalizer.finish()];
}
const reasoningOf = (chunks: ReturnType<typeof run>) => chunks.map((c) => c.choices[0]?.delta.reasoning_content ?? '').join('');
const contentOf = (chunks: ReturnType<typeof run>) => chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');

describe('reasoning through the normalizer, plain replies', () => {
  const reply = (message: Record<string, unknown>) => ({ id: 'chatcmpl-p', object: 'chat.completion', created: 1735689600, model: 'm', choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop' }] });

  it('keeps DeepSeek’s and Qwen’s reasoning_content', () => {
    const out = normalizeCompletion(reply({ content: '9.8', reasoning_content: 'Compare the decimals.' }), ctx);
    expect(out.choices[0].message).toEqual({ role: 'assistant', content: '9.8', refusal: null, reasoning_content: 'Compare the decimals.' });
  });

  it('renames an aggregator’s reasoning to reasoning_content', () => {
    const out = normalizeCompletion(reply({ content: '9.8', reasoning: 'Compare the decimals.' }), ctx);
    expect(out.choices[0].message).toEqual({ role: 'assistant', content: '9.8', refusal: null, reasoning_content: 'Compare the decimals.' });
    expect(out.choices[0].message).not.toHaveProperty('reasoning');
  });

  it('adds no reasoning_content to a reply without reasoning (or with an empty one)', () => {
    expect(normalizeCompletion(reply({ content: 'Hi' }), ctx).choices[0].message).not.toHaveProperty('reasoning_content');
    expect(normalizeCompletion(reply({ content: 'Hi', reasoning_content: null, reasoning: '' }), ctx).choices[0].message).not.toHaveProperty('reasoning_content');
  });
});

describe('reasoning through the normalizer, streams', () => {
  it('forwards DeepSeek’s reasoning deltas as reasoning_content, then the answer and the call', () => {
    const out = run(DEEPSEEK_STREAM);
    expect(reasoningOf(out)).toBe('The user wants the weather.');
    expect(contentOf(out)).toBe('Checking.');
    expect(out.find((c) => c.choices[0]?.delta.tool_calls)?.choices[0].delta.tool_calls?.[0]).toMatchObject({ id: 'call_0', function: { name: 'get_weather' } });
    expect(out.at(-1)?.choices[0].finish_reason).toBe('tool_calls');
    // No chunk carries an empty or null reasoning_content.
    for (const c of out) expect(c.choices[0]?.delta.reasoning_content ?? 'absent').not.toMatch(/^$/);
  });

  it('renames an aggregator’s reasoning deltas to reasoning_content', () => {
    const out = run(AGGREGATOR_STREAM);
    expect(reasoningOf(out)).toBe('The user wants the weather.');
    expect(contentOf(out)).toBe('Checking.');
    for (const c of out) expect(c.choices[0]?.delta ?? {}).not.toHaveProperty('reasoning');
  });

  it('shows the rename as a normalizer change in the inspector', () => {
    const normalizer = new StreamNormalizer(ctx);
    const [first] = normalizer.push(AGGREGATOR_STREAM[0]);
    const comparison = compareChunk(JSON.stringify(AGGREGATOR_STREAM[0]), [JSON.stringify(first)]);
    expect(comparison.kind).toBe('changed');
    const paths = comparison.kind === 'changed' ? comparison.changes.map((c) => `${c.kind} ${c.path}`) : [];
    expect(paths).toContain('removed choices[0].delta.reasoning');
    expect(paths).toContain('added choices[0].delta.reasoning_content');
  });

  it('takes a reasoning-only delta on the fast path, as push would send it', () => {
    const normalizer = new StreamNormalizer(ctx);
    normalizer.push(chunk({ role: 'assistant', content: '' }));
    const next = chunk({ reasoning_content: 'Think.' });
    expect(normalizer.acceptAsIs(next)).toBe(true);
    expect(normalizer.acceptAsIs(chunk({ reasoning_content: '' }))).toBe(false);
    expect(normalizer.acceptAsIs(chunk({ reasoning: 'Think.' }))).toBe(false);
    const slow = new StreamNormalizer(ctx);
    slow.push(chunk({ role: 'assistant', content: '' }));
    expect(slow.push(next)).toEqual([next]);
  });

  it('sends chunks the OpenAI schema accepts', () => {
    for (const c of [...run(DEEPSEEK_STREAM), ...run(AGGREGATOR_STREAM)]) expect(schemaErrors('CreateChatCompletionStreamResponse', c), JSON.stringify(c)).toBe('');
  });
});
