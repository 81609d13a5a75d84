import { describe, expect, it } from 'vitest';
import { cloneScenario, DEFAULT_SCENARIO, WEATHER_RULES, type Scenario } from '@/lib/scenario/base';
import { finishedWeatherScenario } from '@/lib/scenario/templates';
import { inspectorRecord } from '@/lib/testing/inspector-record';
import { CALL_DUE, conversationFields, conversationFromScenario } from './scenario-conversation';

function withMessages(messages: Scenario['messages'], inspector: Scenario['inspector'] = []): Scenario {
  return { ...cloneScenario(DEFAULT_SCENARIO), messages, inspector };
}

describe('a conversation restored from a scenario', () => {
  it('round-trips the finished weather loop with nothing due', () => {
    const scenario = finishedWeatherScenario();
    const state = conversationFromScenario(scenario);
    expect(state.failure).toBeNull();
    expect(conversationFields(state, scenario.mocks)).toEqual({ messages: scenario.messages, results: {}, inspector: [] });
  });

  it('keeps only the typed results that differ from the mock', () => {
    const scenario = finishedWeatherScenario();
    scenario.messages = scenario.messages.slice(0, 2); // the question and the three calls, none answered
    scenario.results = { [scenario.messages[1].role === 'assistant' ? scenario.messages[1].tool_calls![1].id : '']: '{"temperature": -3}' };
    const state = conversationFromScenario(scenario);
    const cards = state.entries[1].kind === 'assistant' ? state.entries[1].toolCalls : [];
    // The others get their city's rule (the calls say "New York, NY" and "Chicago, IL").
    expect(cards.map((card) => card.result)).toEqual([WEATHER_RULES.rules[0].result, '{"temperature": -3}', WEATHER_RULES.rules[2].result]);
    expect(conversationFields(state, scenario.mocks).results).toEqual(scenario.results);
  });

  it('comes back with the last failure, its partial reply marked as cut off', () => {
    const error = { status: 502, kind: 'cut' as const, message: 'The reply was cut off.' };
    const scenario = withMessages(
      [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hel' },
      ],
      [inspectorRecord({ status: 'failed', error, reply: { role: 'assistant', content: 'Hel' } })],
    );
    const state = conversationFromScenario(scenario);
    expect(state.failure).toEqual({ requestId: 'r1', error });
    expect(state.entries[1]).toMatchObject({ kind: 'assistant', requestId: 'r1', status: 'incomplete' });
  });

  it('says a call was due when it ends on the question or on every result of a turn', () => {
    expect(conversationFromScenario(withMessages([{ role: 'user', content: 'Hi' }])).failure).toEqual({ requestId: null, error: CALL_DUE });
    const loop = finishedWeatherScenario();
    expect(conversationFromScenario({ ...loop, messages: loop.messages.slice(0, 5) }).failure).toEqual({ requestId: null, error: CALL_DUE });
    // Two of three answered: the person's turn, not the model's.
    expect(conversationFromScenario({ ...loop, messages: loop.messages.slice(0, 4) }).failure).toBeNull();
    expect(conversationFromScenario(withMessages([])).failure).toBeNull();
  });
});
