import { describe, expect, it } from 'vitest';
import { initialConversation, type ConversationState, type ModelCall, type ToolCallCard } from '@/lib/conversation/state';
import { checksVerdict, latestTurn } from './turn';

const card = (key: string, name: string, args: string, state: ToolCallCard['state'] = 'awaiting-result'): ToolCallCard => ({ key, index: 0, id: key, name, arguments: args, state, result: '' });

function modelCall(requestId: string, users: number, model: string, times: [number, number | null, number | null], usage: ModelCall['usage'] = null): ModelCall {
  const messages = Array.from({ length: users }, () => ({ role: 'user' as const, content: 'Hi' }));
  return {
    requestId,
    body: { model, messages },
    startedAt: times[0],
    firstTokenAt: times[1],
    finishedAt: times[2],
    raw: '',
    rawDroppedChars: null,
    rawTimes: [],
    http: null,
    status: times[2] === null ? 'streaming' : 'done',
    usage,
    error: null,
    finishReason: null,
    assembled: null,
  };
}

function conversation(): ConversationState {
  const assistant = (key: string, toolCalls: ToolCallCard[], requestId: string) => ({ kind: 'assistant' as const, key, content: null, refusal: null, toolCalls, status: 'done' as const, requestId, finishReason: null });
  return {
    ...initialConversation,
    entries: [
      { kind: 'user', key: 'e0', content: 'First' },
      assistant('e1', [card('e1.0', 'old', '{}', 'approved')], 'r1'),
      { kind: 'user', key: 'e2', content: 'Second' },
      assistant('e3', [card('e3.0', 'get_current_weather', '{"location":"Chicago"}', 'approved'), card('e3.1', 'get_current_weather', '{"loc', 'incomplete')], 'r2'),
      { kind: 'tool', key: 'e4', toolCallId: 'e3.0', content: '{}' },
      assistant('e5', [], 'r3'),
    ],
    calls: [
      modelCall('r1', 1, 'gpt-4o', [0, 50, 100], { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 }),
      modelCall('r2', 2, 'gpt-4o', [1_000, 1_300, 1_500], { prompt_tokens: 1_000_000, completion_tokens: 0, total_tokens: 1_000_000 }),
      modelCall('r3', 2, 'gpt-4o', [4_000, 4_100, 4_600], { prompt_tokens: 0, completion_tokens: 100_000, total_tokens: 100_000 }),
    ],
  };
}

describe('latestTurn', () => {
  it("takes the calls since the person's last message: latency, tokens and cost of that turn's model calls", () => {
    const turn = latestTurn(conversation());
    expect(turn.calls.map((c) => c.key)).toEqual(['e3.0']);
    expect(turn.modelCalls.map((c) => c.requestId)).toEqual(['r2', 'r3']);
    expect(turn.firstTokenMs).toBe(300);
    // 500 ms + 600 ms in the model; the 2.5 s the person took to answer do not count.
    expect(turn.totalMs).toBe(1_100);
    expect(turn.tokens).toBe(1_100_000);
    expect(turn.cost).toEqual({ kind: 'priced', usd: 2.5 + 1 });
    expect(turn.streaming).toBe(false);
  });

  it('is free for the simulator, unknown without a price or usage, empty before anything was sent', () => {
    const sim = { ...initialConversation, entries: [{ kind: 'user' as const, key: 'e0', content: 'Hi' }], calls: [modelCall('r1', 1, 'offline-simulator', [0, 10, null])] };
    expect(latestTurn(sim)).toMatchObject({ cost: { kind: 'free' }, streaming: true, totalMs: null, tokens: null, firstTokenMs: 10 });
    const unpriced = { ...sim, calls: [modelCall('r1', 1, 'some-custom-model', [0, 10, 20])] };
    expect(latestTurn(unpriced).cost).toEqual({ kind: 'unknown' });
    expect(latestTurn(initialConversation)).toMatchObject({ calls: [], modelCalls: [], firstTokenMs: null, totalMs: null, cost: { kind: 'unknown' } });
  });
});

describe('checksVerdict', () => {
  const calls = [card('a', 'f', '{}'), card('b', 'g', '{}')];
  it('passes when every check passes, fails naming each failed call, and waits for the checks', () => {
    expect(checksVerdict(calls, () => ({ ok: true, summary: 'ok', problems: [] }))).toEqual({ kind: 'pass', total: 2 });
    expect(checksVerdict(calls, (c) => (c.name === 'g' ? { ok: false, summary: 'x', problems: ['Missing required "location"'] } : { ok: true, summary: '', problems: [] }))).toEqual({
      kind: 'fail',
      total: 2,
      failed: [{ name: 'g', problems: ['Missing required "location"'] }],
    });
    expect(checksVerdict(calls, () => null)).toEqual({ kind: 'checking' });
    expect(checksVerdict([], () => null)).toEqual({ kind: 'no-calls' });
  });
});
