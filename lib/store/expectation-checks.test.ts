/** What a conversation's expectations say of its turns and their call cards. */
import { describe, expect, it } from 'vitest';
import type { TurnExpectation } from '@/lib/evaluate/types';
import { WEATHER_TOOL } from '@/lib/scenario/base';
import type { AssistantEntry, Entry, ToolCallCard } from '@/lib/conversation/state';
import { turnAt } from '@/lib/conversation/turns';
import { expectationChecks } from './expectation-checks';

const card = (key: string, location: string, state: ToolCallCard['state'] = 'approved'): ToolCallCard => ({
  key,
  index: 0,
  id: `id-${key}`,
  name: 'get_current_weather',
  arguments: JSON.stringify({ location }),
  state,
  result: '{}',
});

const reply = (key: string, toolCalls: ToolCallCard[], content: string | null = null, status: AssistantEntry['status'] = 'done'): AssistantEntry => ({
  kind: 'assistant',
  key,
  content,
  refusal: null,
  toolCalls,
  status,
  requestId: null,
  finishReason: toolCalls.length ? 'tool_calls' : 'stop',
});

const BOSTON: TurnExpectation = {
  calls: [{ name: 'get_current_weather', arguments: { location: { kind: 'one_of', values: ['Boston, MA', 'Boston'] }, unit: { kind: 'any', optional: true } } }],
};

const conversation = (expect: TurnExpectation | undefined, ...rest: Entry[]): Entry[] => [{ kind: 'user', key: 'u', content: 'Weather in Boston?', ...(expect ? { expect } : {}) }, ...rest];

describe('a turn', () => {
  it('is every call after the person’s message up to their next one, and the reply with no calls that ends it', () => {
    const entries: Entry[] = [
      ...conversation(undefined, reply('a', [card('a.0', 'Boston')]), { kind: 'tool', key: 't', toolCallId: 'id-a.0', content: '{}' }),
      reply('b', [card('b.0', 'Paris'), card('b.1', 'Rome', 'streaming')]),
      reply('c', [], 'Sunny.'),
      { kind: 'user', key: 'v', content: 'Thanks' },
      reply('d', [card('d.0', 'Oslo')]),
    ];
    const turn = turnAt(entries, 0);
    expect(turn.cards.map((c) => c.key)).toEqual(['a.0', 'b.0']);
    expect(turn.answer).toBe('Sunny.');
    expect(turnAt(entries, 5)).toMatchObject({ answer: null, cards: [{ key: 'd.0' }] });
  });
});

describe('the expectation checks', () => {
  it('pass a call that meets its expected call, with the final answer pending until it comes', () => {
    const expectWithMention = { ...BOSTON, answer_mentions: ['Boston'] };
    const waiting = expectationChecks(conversation(expectWithMention, reply('a', [card('a.0', 'Boston, MA', 'awaiting-result')])), [WEATHER_TOOL]);
    expect(waiting.calls.get('a.0')).toEqual({ pass: true, failures: [], pending: [] });
    expect(waiting.turns.get('a')).toEqual({ pass: true, failures: [], pending: ['Pending: the final answer should mention "Boston"'], finished: false });

    const done = expectationChecks(conversation(expectWithMention, reply('a', [card('a.0', 'Boston, MA')]), reply('b', [], 'It is sunny in Boston.')), [WEATHER_TOOL]);
    expect(done.turns.get('b')).toEqual({ pass: true, failures: [], pending: [], finished: true });
    expect(done.turns.has('a')).toBe(false);
  });

  it('fail a call with the matcher’s reasons, on its card and on the turn', () => {
    const checks = expectationChecks(conversation(BOSTON, reply('a', [card('a.0', 'Chicago')]), reply('b', [], 'Cold.')), [WEATHER_TOOL]);
    const call = checks.calls.get('a.0')!;
    expect(call.pass).toBe(false);
    expect(call.failures.join(' ')).toMatch(/location/);
    expect(checks.turns.get('b')).toMatchObject({ pass: false, finished: true });
    expect(checks.turns.get('b')!.failures).toEqual(expect.arrayContaining(call.failures));
  });

  it('fail every call of a turn that should call nothing, and say so on the answer', () => {
    const checks = expectationChecks(conversation({ calls: [] }, reply('a', [card('a.0', 'Boston')]), reply('b', [], 'Sunny.')), [WEATHER_TOOL]);
    expect(checks.calls.get('a.0')).toEqual({ pass: false, failures: ['No tool call was expected in this turn'], pending: [] });
    expect(checks.turns.get('b')!.failures[0]).toMatch(/^Expected no tool call, but the model called get_current_weather/);
  });

  it('say a call beyond those expected is extra', () => {
    const checks = expectationChecks(conversation(BOSTON, reply('a', [card('a.0', 'Boston'), { ...card('a.1', 'Boston'), index: 1 }])), [WEATHER_TOOL]);
    expect(checks.calls.get('a.0')!.pass).toBe(true);
    expect(checks.calls.get('a.1')).toEqual({ pass: false, failures: ['No call to get_current_weather is expected beyond those already met'], pending: [] });
  });

  it('wait for a reply that streams, and judge nothing in a turn without expectations', () => {
    expect(expectationChecks(conversation(BOSTON, reply('a', [], 'Sun', 'streaming')), [WEATHER_TOOL]).turns.size).toBe(0);
    expect(expectationChecks(conversation(undefined, reply('a', [card('a.0', 'Boston')])), [WEATHER_TOOL]).calls.size).toBe(0);
    const schema: TurnExpectation = { calls: [{ name: 'get_current_weather', arguments: { location: { kind: 'schema', schema: { type: 'string' } } } }] };
    expect(expectationChecks(conversation(schema, reply('a', [card('a.0', 'Boston')])), [WEATHER_TOOL]).needsSchemas).toBe(true);
  });
});
