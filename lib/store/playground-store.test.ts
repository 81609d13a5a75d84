import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCENARIO, WEATHER_RULES, cloneScenario, type Scenario } from '@/lib/scenario/base';
import type { MockRun } from '@/lib/mocks/javascript-runner';
import type { SandboxRequest } from '@/lib/mocks/sandbox-worker';
import { restoreScenario } from '@/lib/scenario/scenario';
import { unansweredCalls } from '@/lib/conversation/reducer';
import { MAIN_CONVERSATION, toolsText, type PlaygroundDeps, type PlaygroundStore } from './playground-store';
import { flush, makeTestStore, resetTestRequestIds, type HeldCall } from './testing/test-store';
import { composerReason, mainConversation } from './selectors';

const makeStore = (scenario?: Scenario, runMock?: PlaygroundDeps['runMock']) => makeTestStore(scenario, runMock ? { runMock } : {});

/** Answers a call with three parallel weather calls. */
function threeCalls(call: HeldCall) {
  ['New York', 'San Francisco', 'Chicago'].forEach((city, index) =>
    call.chunk({ tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name: 'get_current_weather', arguments: JSON.stringify({ location: city }) } }] }),
  );
  call.chunk({}, 'tool_calls');
  call.finish();
}

function cards(store: PlaygroundStore, id = MAIN_CONVERSATION) {
  return store.getState().conversations[id].state.entries.flatMap((entry) => (entry.kind === 'assistant' ? entry.toolCalls : []));
}

beforeEach(() => {
  resetTestRequestIds();
});
afterEach(() => vi.useRealTimers());

describe('the playground store', () => {
  it('runs the loop: send, three calls, approve each, the second call starts by itself', async () => {
    const { store, server } = makeStore();
    expect(store.getState().send()).toBe(true);
    expect(store.getState().settings.draft).toBe('');
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].body.messages.map((m) => m.role)).toEqual(['system', 'user']);
    threeCalls(server.calls[0]);
    await flush();
    expect(cards(store).map((card) => card.state)).toEqual(['awaiting-result', 'awaiting-result', 'awaiting-result']);
    expect(composerReason(store.getState(), mainConversation(store.getState()))?.text).toMatch(/each of the 3 calls/);
    for (const card of cards(store)) store.getState().approve(MAIN_CONVERSATION, card.key);
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1].body.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'tool', 'tool']);
    server.calls[1].chunk({ content: 'Sunny everywhere.' }, 'stop');
    server.calls[1].finish();
    await flush();
    const { state } = mainConversation(store.getState());
    expect(state.entries.at(-1)).toMatchObject({ kind: 'assistant', content: 'Sunny everywhere.', status: 'done' });
    expect(state.calls.map((call) => call.status)).toEqual(['done', 'done']);
  });

  it('holds two conversations with a call in flight each: one aborted, the other finishing', async () => {
    const { store, server } = makeStore();
    const second = store.getState().addConversation('gpt-4o');
    store.getState().send();
    expect(server.calls.map((call) => call.body.model)).toEqual(['offline-simulator', 'gpt-4o']);
    const [main, other] = server.calls;
    main.chunk({ content: 'Partial' });
    other.chunk({ content: 'Hello' });
    expect(store.getState().conversations[MAIN_CONVERSATION].state.activeRequestId).toBe('r1');
    expect(store.getState().conversations[second].state.activeRequestId).toBe('r2');

    store.getState().stop(MAIN_CONVERSATION);
    expect(main.options.signal?.aborted).toBe(true);
    expect(other.options.signal?.aborted).toBe(false);
    other.chunk({ content: ' there.' }, 'stop');
    other.finish();
    await flush();

    const a = store.getState().conversations[MAIN_CONVERSATION].state;
    const b = store.getState().conversations[second].state;
    expect(a.activeRequestId).toBeNull();
    expect(a.calls[0].status).toBe('stopped');
    expect(a.failure?.error.kind).toBe('aborted');
    expect(a.entries.at(-1)).toMatchObject({ kind: 'assistant', content: 'Partial', status: 'stopped' });
    expect(b.calls[0].status).toBe('done');
    expect(b.failure).toBeNull();
    expect(b.entries.at(-1)).toMatchObject({ kind: 'assistant', content: 'Hello there.', status: 'done' });
  });

  it('holds a due call while the tools are broken, and Continue starts it once they are fixed', async () => {
    const { store, server } = makeStore();
    store.getState().send();
    threeCalls(server.calls[0]);
    await flush();
    const good = store.getState().tools.text;
    store.getState().toolsEdited('[ broken');
    for (const card of cards(store)) store.getState().approve(MAIN_CONVERSATION, card.key);
    // The shown lint lags the text, but the live text is checked when the call is due.
    expect(server.calls).toHaveLength(1);
    expect(mainConversation(store.getState()).held).toBe(true);
    expect(store.getState().continueCall(MAIN_CONVERSATION)).toBe(false);
    store.getState().toolsEdited(good);
    expect(store.getState().continueCall(MAIN_CONVERSATION)).toBe(true);
    expect(server.calls).toHaveLength(2);
    expect(mainConversation(store.getState()).held).toBe(false);
  });

  it('lints the editor text on a throttle and keeps the last valid tools', () => {
    vi.useFakeTimers();
    const { store } = makeStore();
    const before = store.getState().tools.lastValid;
    store.getState().toolsEdited('[');
    store.getState().toolsEdited('[ {');
    expect(store.getState().tools.lint.errorCount).toBe(0);
    vi.advanceTimersByTime(10);
    expect(store.getState().tools.lint.errorCount).toBe(1);
    expect(store.getState().tools.lastValid).toBe(before);
    const snap = store.getState().snapshot();
    expect(snap.invalidToolsText).toBe('[ {');
    expect(snap.scenario.tools).toEqual(DEFAULT_SCENARIO.tools);
  });

  it('keeps a typed result and every model call in the scenario, and gets them back on open', async () => {
    const { store, server } = makeStore();
    store.getState().send();
    threeCalls(server.calls[0]);
    await flush();
    const [first] = cards(store);
    store.getState().editResult(MAIN_CONVERSATION, first.key, '{"temperature": 5}');
    const { scenario } = store.getState().snapshot();
    expect(scenario.results).toEqual({ call_0: '{"temperature": 5}' });
    expect(scenario.inspector).toHaveLength(1);
    expect(scenario.inspector[0]).toMatchObject({ id: 'r1', status: 'done', system: DEFAULT_SCENARIO.system, message_count: 1 });
    expect(scenario.inspector[0]).not.toHaveProperty('messages');

    const reopened = makeStore().store;
    reopened.getState().open({ scenario });
    const restored = cards(reopened);
    // The other two keep their rule's result (San Francisco's, Chicago's), worked out again on open.
    expect(restored.map((card) => card.result)).toEqual(['{"temperature": 5}', WEATHER_RULES.rules[1].result, WEATHER_RULES.rules[2].result]);
    expect(restored.map((card) => card.mock?.kind ?? null)).toEqual([null, 'rule', 'rule']);
    const [call] = mainConversation(reopened.getState()).state.calls;
    expect(call.body).toEqual(server.calls[0].body);
    expect(mainConversation(reopened.getState()).state.entries[1]).toMatchObject({ kind: 'assistant', requestId: 'r1' });
  });

  it('brings back a call that was running when the page went away as interrupted, with Retry', async () => {
    const { store, server } = makeStore();
    store.getState().send();
    threeCalls(server.calls[0]);
    await flush();
    for (const card of cards(store)) store.getState().approve(MAIN_CONVERSATION, card.key);
    expect(server.calls).toHaveLength(2);
    const { scenario } = store.getState().snapshot(); // written while the second call streams
    expect(scenario.inspector[1]).toMatchObject({ status: 'interrupted', message_count: 5 });
    expect(scenario.inspector[1]).not.toHaveProperty('messages');

    const after = makeStore();
    after.store.getState().open({ scenario });
    const { state } = mainConversation(after.store.getState());
    expect(state.entries.map((entry) => entry.kind)).toEqual(['user', 'assistant', 'tool', 'tool', 'tool']);
    expect(state.calls.map((call) => call.status)).toEqual(['done', 'interrupted']);
    expect(state.failure?.error.kind).toBe('interrupted');
    expect(after.server.calls).toHaveLength(0);
    after.store.getState().retry(MAIN_CONVERSATION);
    expect(after.server.calls).toHaveLength(1);
    expect(after.server.calls[0].body.messages.at(-1)?.role).toBe('tool');
    after.server.calls[0].chunk({ content: 'All sunny.' }, 'stop');
    after.server.calls[0].finish();
    await flush();

    // Saved and opened again (through storage's validation): each reply still knows the call that made it.
    const again = makeStore().store;
    const stored = restoreScenario(JSON.parse(JSON.stringify(after.store.getState().snapshot().scenario)));
    if (!stored.ok) throw new Error(stored.error);
    again.getState().open({ scenario: stored.scenario });
    const reopened = mainConversation(again.getState()).state;
    expect(reopened.calls.map((call) => call.status)).toEqual(['done', 'interrupted', 'done']);
    // Restored calls are still told apart from the conversation (key order is not a difference).
    expect(again.getState().snapshot().scenario.inspector.filter((record) => record.messages)).toEqual([]);
    expect(reopened.failure).toBeNull();
    const replies = reopened.entries.filter((entry) => entry.kind === 'assistant');
    expect(replies.map((entry) => entry.kind === 'assistant' && entry.requestId)).toEqual(['r1', 'r3']);
  });

  it('treats names and ids such as toString and __proto__ as data: no inherited mock, a typed result kept', async () => {
    const { store, server } = makeStore();
    store.getState().send();
    server.calls[0].chunk({ tool_calls: [{ index: 0, id: '__proto__', type: 'function', function: { name: 'toString', arguments: '{}' } }] });
    server.calls[0].chunk({ tool_calls: [{ index: 1, id: 'call_2', type: 'function', function: { name: 'constructor', arguments: '{}' } }] }, 'tool_calls');
    server.calls[0].finish();
    await flush();
    expect(cards(store).map((card) => card.result)).toEqual(['', '']);
    store.getState().editResult(MAIN_CONVERSATION, cards(store)[0].key, 'typed');
    const { scenario } = store.getState().snapshot();
    expect(Object.hasOwn(scenario.results, '__proto__')).toBe(true);
    const reopened = makeStore().store;
    reopened.getState().open({ scenario: JSON.parse(JSON.stringify(scenario)) });
    expect(cards(reopened).map((card) => card.result)).toEqual(['typed', '']);
  });

  it('says so when a restored conversation stops where a call was due and nothing of it was recorded', () => {
    const scenario = cloneScenario(DEFAULT_SCENARIO);
    scenario.messages = [{ role: 'user', content: 'Weather in Paris?' }];
    const { store } = makeStore(scenario);
    expect(mainConversation(store.getState()).state.failure).toMatchObject({ requestId: null, error: { kind: 'interrupted' } });
  });

  it('a new chat empties every conversation and is a new piece of work: Save adds a new entry', async () => {
    const { store, server } = makeStore();
    store.getState().setSession({ savedId: 'entry-1', savedAt: '2026-01-01T00:00:00.000Z' });
    store.getState().send();
    server.calls[0].chunk({ content: 'Hi' }, 'stop');
    server.calls[0].finish();
    await flush();
    store.getState().markSaved();
    expect(store.getState().hasUnsavedWork()).toBe(false);
    store.getState().newChat();
    const main = mainConversation(store.getState());
    expect(main.state.entries).toEqual([]);
    expect(main.state.calls).toEqual([]);
    expect(store.getState().session).toMatchObject({ savedId: null, savedAt: null });
    expect(store.getState().hasUnsavedWork()).toBe(false);
    store.getState().patchSettings({ draft: 'Another question' });
    expect(store.getState().hasUnsavedWork()).toBe(true);
  });

  it('opening other work stops the calls in flight and replaces the tools text', async () => {
    const { store, server } = makeStore();
    store.getState().send();
    const other = cloneScenario(DEFAULT_SCENARIO);
    other.name = 'Other';
    other.tools = [];
    store.getState().open({ scenario: other, session: { savedId: 'x' } });
    expect(server.calls[0].options.signal?.aborted).toBe(true);
    await flush();
    const data = store.getState();
    expect(data.settings.name).toBe('Other');
    expect(data.tools.text).toBe(toolsText([]));
    expect(data.tools.seed).toBe(1);
    expect(data.session.savedId).toBe('x');
    expect(mainConversation(data).state.entries).toEqual([]);
    expect(unansweredCalls(mainConversation(data).state)).toEqual([]);
  });

  it('runs a JavaScript mock once per call after the call finishes, with the arguments and the call; the result lands in the card and is kept', async () => {
    const scenario = cloneScenario(DEFAULT_SCENARIO);
    scenario.mocks = { get_current_weather: { kind: 'javascript', source: '(args) => args' } };
    const runs: SandboxRequest[] = [];
    const pending: Array<(run: MockRun) => void> = [];
    const { store, server } = makeStore(scenario, (request) => {
      runs.push(request);
      return new Promise((resolve) => pending.push(resolve));
    });
    store.getState().send();
    threeCalls(server.calls[0]);
    await flush();
    expect(runs.map((r) => [r.source, r.args, r.call.id])).toEqual([
      ['(args) => args', { location: 'New York' }, 'call_0'],
      ['(args) => args', { location: 'San Francisco' }, 'call_1'],
      ['(args) => args', { location: 'Chicago' }, 'call_2'],
    ]);
    expect(cards(store).map((card) => card.mock)).toEqual(Array(3).fill({ kind: 'javascript', status: 'running' }));
    store.getState().editResult(MAIN_CONVERSATION, cards(store)[2].key, 'typed meanwhile');
    pending[0]({ ok: true, result: '{"t": 1}' });
    pending[1]({ ok: false, error: 'stopped' });
    pending[2]({ ok: true, result: '{"t": 3}' });
    await flush();
    expect(runs).toHaveLength(3);
    expect(cards(store).map((card) => card.result)).toEqual(['{"t": 1}', '', 'typed meanwhile']);
    // The result a JavaScript mock gave cannot be worked out again: it is kept with the scenario.
    expect(store.getState().snapshot().scenario.results).toEqual({ call_0: '{"t": 1}', call_2: 'typed meanwhile' });
  });
});
