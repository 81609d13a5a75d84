/** Expectations kept on their user message: through the workbench's changes, Undo, saving, links and reloads. */
import { describe, expect, it } from 'vitest';
import type { TurnExpectation } from '@/lib/evaluate/types';
import { cloneScenario, DEFAULT_SCENARIO, type Scenario } from '@/lib/scenario/base';
import { restoreScenario } from '@/lib/scenario/scenario';
import { decodeShareHash, encodeScenario } from '@/lib/scenario/share-link';
import { scenarioFingerprint } from '@/lib/scenario/fingerprint';
import { finishedWeatherScenario } from '@/lib/scenario/templates';
import type { Entry } from '@/lib/conversation/state';
import { expectationsToScenario, withExpectations } from '@/lib/conversation/alternatives';
import { conversationFields, conversationFromScenario } from './scenario-conversation';
import { MAIN_CONVERSATION as MAIN, type PlaygroundStore } from './playground-store';
import { makeTestStore } from './testing/test-store';

const BOSTON: TurnExpectation = {
  calls: [{ name: 'get_current_weather', arguments: { location: { kind: 'one_of', values: ['Boston, MA', 'Boston'] }, unit: { kind: 'any', optional: true } } }],
};
const NOTHING: TurnExpectation = { calls: [], answer_mentions: ['hello'] };

/** The finished weather loop, then a second question and its answer: user messages at 0 and 6. */
function twoTurns(): Scenario {
  const scenario = finishedWeatherScenario();
  scenario.messages.push({ role: 'user', content: 'Thanks!' }, { role: 'assistant', content: 'You are welcome.' });
  return scenario;
}

const makeStore = (scenario: Scenario): PlaygroundStore => makeTestStore(scenario).store;

const entries = (store: PlaygroundStore) => store.getState().conversations[MAIN].state.entries;
const users = (store: PlaygroundStore) => entries(store).filter((entry): entry is Extract<Entry, { kind: 'user' }> => entry.kind === 'user');
const saved = (store: PlaygroundStore) => store.getState().snapshot().scenario.expectations;

describe('a turn’s expectations in the conversation', () => {
  it('are set, replaced and taken off on the user message, each an Undo-able change; the same again changes nothing', () => {
    const store = makeStore(twoTurns());
    const [first, second] = users(store);
    expect(store.getState().setExpectation(MAIN, second.key, NOTHING)).toBe(true);
    expect(store.getState().setExpectation(MAIN, second.key, structuredClone(NOTHING))).toBe(false);
    expect(store.getState().setExpectation(MAIN, first.key, BOSTON)).toBe(true);
    expect(store.getState().undoHistory.at(-1)?.label).toBe('Set the expectations of your message');
    expect(saved(store)).toEqual([
      { at: 0, expect: BOSTON },
      { at: 6, expect: NOTHING },
    ]);
    expect(store.getState().setExpectation(MAIN, first.key, null)).toBe(true);
    expect(users(store)[0]).not.toHaveProperty('expect');
    expect(store.getState().undo()).toBe(true);
    expect(users(store)[0].expect).toEqual(BOSTON);
  });

  it('refuses a message that is not the person’s', () => {
    const store = makeStore(twoTurns());
    const answer = entries(store).find((entry) => entry.kind === 'assistant')!;
    expect(store.getState().setExpectation(MAIN, answer.key, BOSTON)).toBe(false);
  });

  it('go with their message when it is deleted, and come back with Undo', () => {
    const store = makeStore(twoTurns());
    const [first, second] = users(store);
    store.getState().setExpectation(MAIN, first.key, BOSTON);
    store.getState().setExpectation(MAIN, second.key, NOTHING);
    store.getState().deleteMessage(MAIN, first.key);
    // The second question moved up one place; its expectation with it.
    expect(saved(store)).toEqual([{ at: 5, expect: NOTHING }]);
    store.getState().undo();
    expect(saved(store)).toEqual([
      { at: 0, expect: BOSTON },
      { at: 6, expect: NOTHING },
    ]);
  });

  it('stay through an edit of the text, Run from here and Fork', () => {
    const store = makeStore(twoTurns());
    const [first, second] = users(store);
    store.getState().setExpectation(MAIN, first.key, BOSTON);
    store.getState().setExpectation(MAIN, second.key, NOTHING);
    store.getState().editMessage(MAIN, first.key, 'Weather in Boston?');
    expect(users(store)[0]).toMatchObject({ content: 'Weather in Boston?', expect: BOSTON });
    store.getState().stop();
    store.getState().runFromHere(MAIN, first.key);
    expect(saved(store)).toEqual([{ at: 0, expect: BOSTON }]);
    store.getState().stop();
    store.getState().undo();
    expect(store.getState().fork(MAIN, second.key)).toBe(true);
    expect(saved(store)).toEqual([
      { at: 0, expect: BOSTON },
      { at: 6, expect: NOTHING },
    ]);
  });

  it('do not follow a fork from before their message', () => {
    const store = makeStore(twoTurns());
    const [first, second] = users(store);
    store.getState().setExpectation(MAIN, second.key, NOTHING);
    store.getState().fork(MAIN, first.key);
    expect(saved(store)).toBeUndefined();
  });
});

describe('expectations in the answers Regenerate keeps', () => {
  it('are saved with the kept tail, linked, and back when that answer is shown again', () => {
    const store = makeStore(twoTurns());
    const second = users(store)[1];
    store.getState().setExpectation(MAIN, second.key, NOTHING);
    const answer = entries(store)[1];
    expect(store.getState().regenerate(MAIN, answer.key)).toBe(true);
    store.getState().stop();
    const { scenario } = store.getState().snapshot();
    expect(scenario.expectations).toBeUndefined();
    // The kept tail starts at the answer: the second question is its sixth message.
    expect(scenario.alternatives?.[0].others[0].expectations).toEqual([{ at: 5, expect: NOTHING }]);
    const link = decodeShareHash(`#${encodeScenario(scenario)}`);
    expect(link.kind === 'ok' && link.scenario.alternatives?.[0].others[0].expectations).toEqual([{ at: 5, expect: NOTHING }]);
    const restored = restoreScenario(JSON.parse(JSON.stringify(scenario)));
    if (!restored.ok) throw new Error(restored.error);
    const reopened = makeStore(restored.scenario);
    expect(reopened.getState().showAnswer(MAIN, 1, 0)).toBe(true);
    expect(users(reopened)[1]).toMatchObject({ content: 'Thanks!', expect: NOTHING });
  });

  it('are read leniently there too', () => {
    const scenario = twoTurns();
    scenario.alternatives = [{ at: 7, current: 1, others: [{ messages: [{ role: 'user', content: 'Bye' }, { role: 'assistant', content: 'Bye.' }] }] }];
    const bad = { ...scenario, alternatives: [{ ...scenario.alternatives[0], others: [{ ...scenario.alternatives[0].others[0], expectations: [{ at: 1, expect: NOTHING }, { at: 0, expect: NOTHING }] }] }] };
    const restored = restoreScenario(bad);
    expect(restored.ok && restored.scenario.alternatives?.[0].others[0].expectations).toEqual([{ at: 0, expect: NOTHING }]);
  });
});

describe('expectations in a scenario', () => {
  it('round-trip through the conversation, placed by message', () => {
    const scenario = twoTurns();
    scenario.expectations = [{ at: 6, expect: NOTHING }];
    const state = conversationFromScenario(scenario);
    expect(state.entries[6]).toMatchObject({ kind: 'user', expect: NOTHING });
    expect(conversationFields(state, scenario.mocks).expectations).toEqual(scenario.expectations);
  });

  it('count places in messages: a reply cut off before any text sends none', () => {
    const entries: Entry[] = [
      { kind: 'user', key: 'a', content: 'Hi' },
      { kind: 'assistant', key: 'b', content: null, refusal: null, toolCalls: [], status: 'incomplete', requestId: null, finishReason: null },
      { kind: 'user', key: 'c', content: 'Again', expect: NOTHING },
    ];
    expect(expectationsToScenario(entries)).toEqual([{ at: 1, expect: NOTHING }]);
    expect(withExpectations(entries, undefined)).toBe(entries);
  });

  it('are left out when there are none, so such a scenario saves, fingerprints and links as before', () => {
    const scenario = twoTurns();
    const fields = conversationFields(conversationFromScenario(scenario), scenario.mocks);
    expect(fields).not.toHaveProperty('expectations');
    const store = makeStore(scenario);
    expect(store.getState().snapshot().scenario).not.toHaveProperty('expectations');
    const before = scenarioFingerprint(store.getState().snapshot().scenario);
    const [first] = users(store);
    store.getState().setExpectation(MAIN, first.key, BOSTON);
    expect(scenarioFingerprint(store.getState().snapshot().scenario)).not.toBe(before);
    store.getState().setExpectation(MAIN, first.key, null);
    expect(scenarioFingerprint(store.getState().snapshot().scenario)).toBe(before);
    expect(encodeScenario(cloneScenario(DEFAULT_SCENARIO))).toBe(encodeScenario({ ...cloneScenario(DEFAULT_SCENARIO), expectations: [] }));
  });

  it('travel in a share link and come back from it', () => {
    const scenario = twoTurns();
    scenario.expectations = [
      { at: 0, expect: BOSTON },
      { at: 6, expect: NOTHING },
    ];
    const link = decodeShareHash(`#${encodeScenario(scenario)}`);
    expect(link.kind === 'ok' && link.scenario.expectations).toEqual(scenario.expectations);
    const store = makeStore(link.kind === 'ok' ? link.scenario : scenario);
    expect(users(store).map((entry) => entry.expect)).toEqual([BOSTON, NOTHING]);
  });

  it('are read leniently: one that cannot be read, or is not at a user message, is dropped and the rest kept', () => {
    const scenario = {
      ...twoTurns(),
      expectations: [
        { at: 6, expect: NOTHING },
        { at: 1, expect: BOSTON }, // the assistant's message
        { at: 0, expect: { calls: [{ name: 'get_current_weather', arguments: { location: { kind: 'sounds_like' } } }] } },
        { at: 99, expect: BOSTON },
        { at: 6, expect: BOSTON }, // a second one for the same message
        'nonsense',
        { at: 0.5, expect: BOSTON },
      ],
    };
    const restored = restoreScenario(scenario);
    expect(restored.ok && restored.scenario.expectations).toEqual([{ at: 6, expect: NOTHING }]);
    expect(restored.ok && restored.scenario.messages).toHaveLength(8);
    const none = restoreScenario({ ...twoTurns(), expectations: 'all of them' });
    expect(none.ok && none.scenario).not.toHaveProperty('expectations');
  });

  it('move with the messages when a leading system message is lifted into the prompt', () => {
    const restored = restoreScenario({
      ...cloneScenario(DEFAULT_SCENARIO),
      system: '',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      expectations: [{ at: 1, expect: NOTHING }],
    });
    expect(restored.ok && restored.scenario.system).toBe('Be brief.');
    expect(restored.ok && restored.scenario.expectations).toEqual([{ at: 0, expect: NOTHING }]);
  });
});
