import { describe, expect, it } from 'vitest';
import { cloneScenario, DEFAULT_SCENARIO } from '@/lib/scenario/base';
import { restoreScenario } from '@/lib/scenario/scenario';
import type { ChatCompletionChunk } from '@/lib/wire/chat';
import { MAIN_CONVERSATION, type PlaygroundStore } from './playground-store';
import { flush, makeTestStore } from './testing/test-store';
import { composerReason } from './selectors';
import { columnExpectation, isComparing, MAX_COLUMNS, sameCallsElsewhere } from './compare';

type Delta = ChatCompletionChunk['choices'][0]['delta'];

function makeStore(scenario = cloneScenario(DEFAULT_SCENARIO)) {
  const { store, server } = makeTestStore(scenario);
  return { store, calls: server.calls };
}

const weather = (index: number, location: string): Delta => ({
  tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name: 'get_current_weather', arguments: JSON.stringify({ location }) } }],
});
const cards = (store: PlaygroundStore, id: string) => store.getState().conversations[id].state.entries.flatMap((e) => (e.kind === 'assistant' ? e.toolCalls : []));

describe('Compare in the store', () => {
  it('starts with a second column, sends to both with their own models, and stops adding at MAX_COLUMNS', () => {
    const { store, calls } = makeStore();
    expect(isComparing(store.getState())).toBe(false);
    expect(store.getState().startCompare('offline-simulator-careless')).toBe(true);
    expect(store.getState().startCompare('x')).toBe(false);
    expect(isComparing(store.getState())).toBe(true);
    store.getState().send();
    expect(calls.map((call) => call.body.model)).toEqual(['offline-simulator', 'offline-simulator-careless']);
    for (let i = 2; i < MAX_COLUMNS; i++) expect(store.getState().addColumn('gpt-4o')).not.toBeNull();
    expect(store.getState().addColumn('gpt-4o')).toBeNull();
    expect(store.getState().order).toHaveLength(MAX_COLUMNS);
  });

  it("changes a column's model; the first column's is the scenario's", () => {
    const { store } = makeStore();
    store.getState().startCompare('gpt-4o');
    const [first, second] = store.getState().order;
    store.getState().setColumnModel(first, 'gpt-4o-mini');
    store.getState().setColumnModel(second, 'claude-3-haiku-20240307');
    expect(store.getState().settings.model).toBe('gpt-4o-mini');
    expect(store.getState().conversations[second].model).toBe('claude-3-haiku-20240307');
  });

  it("refuses a column's model without a key, by that column's model", () => {
    const { store } = makeStore();
    store.getState().setKeyConfigured(false);
    const second = store.getState().conversations[store.getState().order[0]];
    store.getState().startCompare('gpt-4o');
    const other = store.getState().conversations[store.getState().order[1]];
    expect(composerReason(store.getState(), second)).toBeNull();
    expect(composerReason(store.getState(), other)?.text).toMatch(/No API key/);
    expect(store.getState().send()).toBe(false);
  });

  it('answers a call once for every column that made the same call, with the same result', async () => {
    const { store, calls } = makeStore();
    store.getState().startCompare('offline-simulator-careless');
    const [a, b] = store.getState().order;
    store.getState().send();
    calls[0].reply(weather(0, 'New York'), weather(1, 'Chicago'));
    calls[1].reply({ tool_calls: [{ index: 0, id: 'call_x', type: 'function', function: { name: 'get_current_weather', arguments: '{ "location" : "New York" }' } }] });
    await flush();
    const ny = cards(store, a)[0];
    expect(sameCallsElsewhere(store.getState(), a)).toEqual({ [ny.key]: 1 });
    expect(sameCallsElsewhere(store.getState(), b)).toEqual({ [cards(store, b)[0].key]: 1 });
    store.getState().editResult(a, ny.key, '{"temperature": 99}');
    expect(store.getState().answerAll(a, ny.key, 'approve')).toBe(2);
    expect(cards(store, a).map((card) => card.state)).toEqual(['approved', 'awaiting-result']);
    expect(cards(store, b)[0]).toMatchObject({ state: 'approved', result: '{"temperature": 99}' });
    // The second column's only call is answered: its next model call started, with that result.
    expect(calls).toHaveLength(3);
    expect(calls[2].body.messages.at(-1)).toMatchObject({ role: 'tool', content: '{"temperature": 99}' });
    // A call no other column made is answered in its own column only.
    expect(store.getState().answerAll(a, cards(store, a)[1].key, 'reject')).toBe(1);
  });

  it('removes a column (down to two), the first one handing the scenario its model; Undo brings it back', () => {
    const { store } = makeStore();
    store.getState().startCompare('gpt-4o');
    const third = store.getState().addColumn('gpt-4o-mini')!;
    const [first, second] = store.getState().order;
    expect(store.getState().removeColumn(first)).toBe(true);
    expect(store.getState().order).toEqual([second, third]);
    expect(store.getState().settings.model).toBe('gpt-4o');
    expect(store.getState().conversations[second].model).toBeNull();
    expect(store.getState().removeColumn(second)).toBe(false);
    expect(store.getState().undoHistory.at(-1)?.label).toBe('Removed the column of offline-simulator');
    expect(store.getState().undo()).toBe(true);
    expect(store.getState().order).toEqual([first, second, third]);
    expect(store.getState().settings.model).toBe('offline-simulator');
  });

  it('"Continue with this one" makes a column the conversation with its model, and Undo brings Compare back', async () => {
    const { store, calls } = makeStore();
    store.getState().startCompare('offline-simulator-careless');
    const [a, b] = store.getState().order;
    store.getState().send();
    calls[0].reply({ content: 'A' });
    calls[1].reply({ content: 'B' });
    await flush();
    expect(store.getState().continueWith(b)).toBe(true);
    expect(store.getState().order).toEqual([b]);
    expect(store.getState().settings.model).toBe('offline-simulator-careless');
    expect(store.getState().snapshot().scenario).toMatchObject({ model: 'offline-simulator-careless', messages: [{ role: 'user' }, { role: 'assistant', content: 'B' }] });
    expect(store.getState().snapshot().scenario.columns).toBeUndefined();
    store.getState().undo();
    expect(store.getState().order).toEqual([a, b]);
    expect(store.getState().settings.model).toBe('offline-simulator');
  });

  it('refuses to close columns while a reply streams', () => {
    const { store } = makeStore();
    store.getState().startCompare('gpt-4o');
    store.getState().send();
    expect(store.getState().leaveCompare()).toBe(false);
    expect(store.getState().continueWith(store.getState().order[1])).toBe(false);
  });

  it('saves the columns with the scenario and opens them again (a reload)', async () => {
    const { store, calls } = makeStore();
    store.getState().startCompare('offline-simulator-careless');
    store.getState().send();
    calls[0].reply({ content: 'From the simulator' });
    calls[1].reply(weather(0, 'Chicago'));
    await flush();
    const saved = store.getState().snapshot().scenario;
    expect(saved.columns).toEqual([expect.objectContaining({ model: 'offline-simulator-careless', messages: [expect.objectContaining({ role: 'user' }), expect.objectContaining({ role: 'assistant' })] })]);
    const restored = restoreScenario(JSON.parse(JSON.stringify(saved)));
    expect(restored.ok).toBe(true);
    const { store: reloaded } = makeStore();
    reloaded.getState().open({ scenario: restored.ok ? restored.scenario : saved });
    const [first, second] = reloaded.getState().order;
    expect(reloaded.getState().order).toHaveLength(2);
    expect(reloaded.getState().conversations[first].state.entries.at(-1)).toMatchObject({ content: 'From the simulator' });
    expect(reloaded.getState().conversations[second].model).toBe('offline-simulator-careless');
    expect(cards(reloaded, second)).toEqual([expect.objectContaining({ name: 'get_current_weather', state: 'awaiting-result' })]);
    expect(reloaded.getState().conversations[second].state.calls).toHaveLength(1);
    expect(reloaded.getState().snapshot().scenario.columns).toEqual(saved.columns);
  });

  it('leaves Compare keeping the first column', () => {
    const { store } = makeStore();
    store.getState().startCompare('gpt-4o');
    expect(store.getState().leaveCompare()).toBe(true);
    expect(store.getState().order).toEqual([MAIN_CONVERSATION]);
    expect(store.getState().undoHistory.at(-1)?.label).toMatch(/^Left Compare, keeping the conversation with offline-simulator; closed gpt-4o/);
  });
});

describe("a column's expectation", () => {
  it("is its own message's, else the first column's for the same turn", async () => {
    const { store } = makeStore();
    const second = store.getState().addConversation('offline-simulator-careless');
    store.getState().patchSettings({ draft: 'Weather in Paris?' });
    store.getState().send();
    expect(columnExpectation(store.getState(), second)).toBeUndefined();
    const expectation = { calls: [] };
    store.getState().stop();
    await flush();
    const question = store.getState().conversations[MAIN_CONVERSATION].state.entries.filter((entry) => entry.kind === 'user').at(-1)!;
    expect(store.getState().setExpectation(MAIN_CONVERSATION, question.key, expectation)).toBe(true);
    expect(columnExpectation(store.getState(), second)).toEqual(expectation);
    expect(columnExpectation(store.getState(), MAIN_CONVERSATION)).toEqual(expectation);
  });
});

describe('restoring columns', () => {
  it('drops a column that cannot be read, keeps the rest, and at most five', () => {
    const column = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], results: {}, inspector: [] };
    const restored = restoreScenario({ ...DEFAULT_SCENARIO, columns: [column, { model: 'not a model id!' }, 'nonsense', ...Array(8).fill(column)] });
    expect(restored.ok && restored.scenario.columns?.map((c) => c.model)).toEqual(['gpt-4o', 'gpt-4o', 'gpt-4o']);
    const none = restoreScenario({ ...DEFAULT_SCENARIO, columns: [{ model: '!' }] });
    expect(none.ok && none.scenario.columns).toBeUndefined();
  });
});

describe('Compare and the rest of the work', () => {
  it('a share link carries the columns (without their inspector records); a fork takes one conversation only', async () => {
    const { encodeScenario, decodeShareHash } = await import('@/lib/scenario/share-link');
    const { store, calls } = makeStore();
    store.getState().startCompare('offline-simulator-careless');
    store.getState().send();
    calls[0].reply({ content: 'A' });
    calls[1].reply({ content: 'B' });
    await flush();
    const saved = store.getState().snapshot().scenario;
    const opened = decodeShareHash(`#${encodeScenario(saved)}`);
    expect(opened).toMatchObject({ kind: 'ok' });
    const scenario = opened.kind === 'ok' ? opened.scenario : null;
    expect(scenario?.columns).toEqual([{ ...saved.columns![0], inspector: [] }]);

    const b = store.getState().order[1];
    const reply = store.getState().conversations[b].state.entries[1];
    expect(store.getState().fork(b, reply.key)).toBe(true);
    expect(store.getState().order).toHaveLength(1);
    expect(store.getState().snapshot().scenario).toMatchObject({ model: 'offline-simulator-careless', messages: [{ role: 'user' }, { role: 'assistant', content: 'B' }] });
    expect(store.getState().snapshot().scenario.columns).toBeUndefined();
  });
});
