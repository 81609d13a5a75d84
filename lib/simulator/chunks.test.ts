/** The streamed reply: its chunk shapes, and that the chunks reassemble to the plain completion exactly. */
import { describe, expect, it } from 'vitest';
import type { ChatCompletion, ChatCompletionChunk, ChatRequest, ToolCall } from '@/lib/wire/chat';
import { simulateChunks, simulateCompletion } from './completion';
import { ask, GUIDE_TOOLS, guideRequest, WEATHER_TOOL } from './testing/fixtures';

/** What a client does with a stream: concatenate content and each call's arguments by index. */
function reassemble(chunks: ChatCompletionChunk[]): ChatCompletion {
  let content: string | null = null;
  const calls: ToolCall[] = [];
  let finish: ChatCompletion['choices'][number]['finish_reason'] | null = null;
  let usage: ChatCompletion['usage'];
  for (const chunk of chunks) {
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices) {
      const { delta } = choice;
      if (typeof delta.content === 'string') content = (content ?? '') + delta.content;
      for (const part of delta.tool_calls ?? []) {
        const call = (calls[part.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } });
        if (part.id) call.id = part.id;
        if (part.function?.name) call.function.name = part.function.name;
        call.function.arguments += part.function?.arguments ?? '';
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
  }
  const first = chunks[0];
  return {
    id: first.id,
    object: 'chat.completion',
    created: first.created,
    model: first.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null, ...(calls.length ? { tool_calls: calls } : {}) },
        finish_reason: finish!,
        logprobs: null,
      },
    ],
    usage,
    system_fingerprint: first.system_fingerprint,
  };
}

const REQUESTS: Array<[string, ChatRequest]> = [
  ['three parallel tool calls', guideRequest()],
  ['a text reply', ask('Tell me a joke', GUIDE_TOOLS)],
  ['a call with long arguments', ask('How many orders were placed last month?', GUIDE_TOOLS)],
  ['a tool without parameters', ask('Weather?', [{ type: 'function', function: { name: 'get_weather' } }])],
];

describe('simulateChunks', () => {
  it.each(REQUESTS)('reassembles to simulateCompletion exactly: %s', (_name, request) => {
    const options = { created: 1_700_000_000 };
    const chunks = simulateChunks({ ...request, stream: true, stream_options: { include_usage: true } }, options);
    expect(reassemble(chunks)).toEqual(simulateCompletion(request, options));
  });

  it('opens with the role, streams text in several word groups, and ends with the finish reason', () => {
    const chunks = simulateChunks(ask('Tell me a joke', GUIDE_TOOLS));
    expect(chunks[0].choices[0].delta).toMatchObject({ role: 'assistant', content: '' });
    const pieces = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content)).filter((text) => text);
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces) expect(piece!.trim().split(/\s+/).length).toBeLessThanOrEqual(3);
    const last = chunks[chunks.length - 1];
    expect(last.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(chunks.slice(0, -1).every((chunk) => chunk.choices[0].finish_reason === null)).toBe(true);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.usage === undefined)).toBe(true);
  });

  it('opens each tool call with index, id, type and name, then spreads its arguments over 2+ deltas', () => {
    const chunks = simulateChunks(guideRequest());
    const deltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    for (const index of [0, 1, 2]) {
      const mine = deltas.filter((delta) => delta.index === index);
      expect(mine[0]).toEqual({ index, id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_current_weather', arguments: '' } });
      const rest = mine.slice(1);
      expect(rest.length).toBeGreaterThanOrEqual(2);
      for (const delta of rest) expect(Object.keys(delta).sort()).toEqual(['function', 'index']);
    }
    expect(chunks[chunks.length - 1].choices[0].finish_reason).toBe('tool_calls');
  });

  it('adds a usage chunk with no choices only when stream_options.include_usage is set', () => {
    const without = simulateChunks(guideRequest({ stream: true }));
    expect(without.some((chunk) => chunk.choices.length === 0)).toBe(false);
    const withUsage = simulateChunks(guideRequest({ stream: true, stream_options: { include_usage: true } }));
    const last = withUsage[withUsage.length - 1];
    expect(last.choices).toEqual([]);
    expect(last.usage).toEqual(simulateCompletion(guideRequest()).usage);
    expect(withUsage.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('gives every chunk the completion id, model and created time', () => {
    const chunks = simulateChunks(ask('Weather in Paris', [WEATHER_TOOL], { model: 'my-model' }), { created: 5 });
    const { id } = simulateCompletion(ask('Weather in Paris', [WEATHER_TOOL], { model: 'my-model' }));
    expect(new Set(chunks.map((chunk) => `${chunk.id} ${chunk.model} ${chunk.created}`))).toEqual(new Set([`${id} my-model 5`]));
  });
});
