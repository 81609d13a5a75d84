/** The store's workbench actions: edit, delete, run from here, regenerate and its answers, fork, undo. */
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, cloneScenario, type Scenario } from '@/lib/scenario/base';
import { restoreScenario } from '@/lib/scenario/scenario';
import { decodeShareHash, encodeScenario } from '@/lib/scenario/share-link';
import { parseWork, serializeWork } from '@/lib/scenario/work';
import { toWireMessages, type AssistantEntry } from '@/lib/conversation/reducer';
import { forkName, MAIN_CONVERSATION as MAIN, type PlaygroundStore } from './playground-store';
import { flush, makeTestStore, resetTestRequestIds } from './testing/test-store';

const makeStore = (scenario?: Scenario) => makeTestStore(scenario);
const state = (store: PlaygroundStore) => store.getState().conversations[MAIN].state;
const entries = (store: PlaygroundStore) => state(store).entries;
const wire = (store: PlaygroundStore) => toWireMessages(state(store));
const cards = (store: PlaygroundStore) => entries(store).flatMap((entry) => (entry.kind === 'assistant' ? entry.toolCalls : []));

/** The weather loop for two cities, every call approved, and the answer. */
async function loop() {
  const made = makeStore();
  const { store, server } = made;
  store.getState().patchSettings({ draft: 'Weather in Paris and Rome?' });
  store.getState().send();
  server.calls[0].tools(['Paris', 'Rome']);
  await flush();
  for (const card of cards(store)) store.getState().approve(MAIN, card.key);
  server.calls[1].text('Paris 22, Rome 22.');
  await flush();
  return made;
}

beforeEach(() => {
  resetTestRequestIds();
});

describe('the workbench actions', () => {
  it('edit a user message and run from it: the request carries the edit; Undo stops that call and puts everything back', async () => {
    const { store, server } = await loop();
    const before = state(store);
    const question = entries(store)[0].key;
    expect(store.getState().editMessage(MAIN, question, 'Weather in Oslo?', { run: true })).toBe(true);
    expect(server.calls).toHaveLength(3);
    expect(server.calls[2].body.messages.slice(1)).toEqual([{ role: 'user', content: 'Weather in Oslo?' }]);
    expect(store.getState().undoHistory.at(-1)?.label).toBe('Edited your message and ran the model from it (4 later messages removed)');

    expect(store.getState().undo()).toBe(true);
    expect(server.calls[2].options.signal?.aborted).toBe(true);
    await flush();
    expect({ ...state(store), ticket: before.ticket, seq: before.seq }).toEqual(before);
    expect(store.getState().undoHistory).toEqual([]);
    // The next turn still starts its call (the ticket went forward).
    store.getState().patchSettings({ draft: 'And Oslo?' });
    expect(store.getState().send()).toBe(true);
    expect(server.calls).toHaveLength(4);
  });

  it('refuses every change while the reply streams', async () => {
    const { store, server } = await loop();
    store.getState().patchSettings({ draft: 'More?' });
    store.getState().send();
    const key = entries(store)[0].key;
    expect(store.getState().editMessage(MAIN, key, 'x')).toBe(false);
    expect(store.getState().deleteMessage(MAIN, key)).toBe(false);
    expect(store.getState().runFromHere(MAIN, key)).toBe(false);
    expect(store.getState().regenerate(MAIN, entries(store)[4].key)).toBe(false);
    expect(store.getState().fork(MAIN, key)).toBe(false);
    expect(store.getState().undoHistory).toEqual([]);
    server.calls[2].text('Nothing more.');
  });

  it('regenerate sends the same request again and keeps the old answer; the answers page; all of it survives a save and a link', async () => {
    const { store, server } = await loop();
    const answer = entries(store)[4];
    expect(store.getState().regenerate(MAIN, answer.key)).toBe(true);
    expect(server.calls[2].body.messages).toEqual(server.calls[1].body.messages);
    server.calls[2].text('Both are warm.');
    await flush();
    expect(wire(store).at(-1)).toEqual({ role: 'assistant', content: 'Both are warm.' });
    expect(store.getState().undoHistory.at(-1)?.label).toBe('Regenerated the answer; the earlier one is kept — ‹ on the answer shows it');

    expect(store.getState().showAnswer(MAIN, 4, 0)).toBe(true);
    expect(wire(store).at(-1)).toEqual({ role: 'assistant', content: 'Paris 22, Rome 22.' });
    store.getState().showAnswer(MAIN, 4, 1);

    const { scenario, toolsText } = store.getState().snapshot();
    expect(scenario.alternatives).toMatchObject([{ at: 4, current: 1, others: [{ messages: [{ role: 'assistant', content: 'Paris 22, Rome 22.' }] }] }]);
    // Storage (the work kept across reloads) and a share link both bring the answers back.
    const stored = parseWork(serializeWork({ scenario, toolsText, session: store.getState().session }));
    const linked = decodeShareHash(`#${encodeScenario(scenario)}`);
    for (const [back, records] of [
      [stored.kind === 'ok' ? stored.work.scenario : null, true],
      [linked.kind === 'ok' ? linked.scenario : null, false],
    ] as const) {
      expect(back?.alternatives).toEqual(scenario.alternatives);
      const { store: reopened } = makeStore(back!);
      expect(toWireMessages(state(reopened)).at(-1)).toEqual({ role: 'assistant', content: 'Both are warm.' });
      expect(reopened.getState().showAnswer(MAIN, 4, 0)).toBe(true);
      expect(toWireMessages(state(reopened)).at(-1)).toEqual({ role: 'assistant', content: 'Paris 22, Rome 22.' });
      // The kept answer's model call is linked again (its model shows on the answer); a link has no records.
      expect((state(reopened).entries[4] as AssistantEntry).requestId).toBe(records ? 'r2' : null);
    }
  });

  it('a scenario without alternatives saves none, so it compares as before', async () => {
    const { store } = await loop();
    expect('alternatives' in store.getState().snapshot().scenario).toBe(false);
    expect(store.getState().hasUnsavedWork()).toBe(true);
  });

  it('delete a call with its result, then the whole answer; each Undo restores exactly', async () => {
    const { store } = await loop();
    const start = state(store);
    const [paris] = cards(store);
    expect(store.getState().deleteCall(MAIN, paris.key)).toBe(true);
    expect(wire(store).map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(store.getState().undoHistory.at(-1)?.label).toBe('Deleted the call to get_current_weather and its result');
    const afterCall = state(store);
    expect(store.getState().deleteMessage(MAIN, entries(store)[1].key)).toBe(true);
    expect(store.getState().undoHistory.at(-1)?.label).toBe('Deleted the answer and its tool result');
    expect(wire(store).map((m) => m.role)).toEqual(['user', 'assistant']);
    store.getState().undo();
    expect(state(store)).toEqual(afterCall);
    store.getState().undo();
    expect(state(store)).toEqual(start);
    expect(store.getState().undo()).toBe(false);
  });

  it('edits arguments and a result; the next request sends them', async () => {
    const { store, server } = await loop();
    const [paris, rome] = cards(store);
    store.getState().editCallArguments(MAIN, paris.key, '{"location": "Lyon"}');
    store.getState().editCallResult(MAIN, rome.key, '{"temperature": 30}');
    store.getState().runFromHere(MAIN, entries(store)[1].key);
    const sent = server.calls[2].body.messages;
    expect(sent.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'tool']);
    expect(sent[2].role === 'assistant' && sent[2].tool_calls?.[0].function.arguments).toBe('{"location": "Lyon"}');
    expect(sent[4]).toMatchObject({ content: '{"temperature": 30}' });
  });

  it('a change of another kind drops the records Undo would otherwise take back with it', async () => {
    const { store, server } = await loop();
    store.getState().editMessage(MAIN, entries(store)[4].key, 'Warm.');
    expect(store.getState().undoHistory).toHaveLength(1);
    store.getState().patchSettings({ draft: 'Tomorrow?' });
    expect(store.getState().undoHistory).toHaveLength(1); // the draft is not the conversation
    store.getState().send();
    expect(store.getState().undoHistory).toEqual([]);
    server.calls[2].tools(['Paris']);
    await flush();
    store.getState().deleteMessage(MAIN, entries(store)[0].key);
    store.getState().approve(MAIN, cards(store).at(-1)!.key);
    expect(store.getState().undoHistory).toEqual([]);
  });

  it('fork opens the conversation up to a message as new unsaved work; Undo brings the original back exactly', async () => {
    const { store } = await loop();
    store.getState().patchSettings({ name: 'Trip' });
    store.getState().markSaved({ savedId: 'lib1', savedAt: '2025-01-01T00:00:00.000Z' });
    const before = store.getState();
    expect(store.getState().fork(MAIN, entries(store)[1].key)).toBe(true);
    const after = store.getState();
    expect(after.settings.name).toBe('Trip (fork)');
    expect(after.settings.draft).toBe('');
    expect(wire(store).map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool']);
    expect(after.session).toMatchObject({ savedId: null, baseline: null });
    expect(after.hasUnsavedWork()).toBe(true);
    expect(after.undoHistory.at(-1)).toMatchObject({ kind: 'work', label: 'Forked “Trip” into “Trip (fork)”, a new scenario not yet saved' });
    // The copy ends where the model is to be called: it says so, with Retry.
    expect(state(store).failure?.error.kind).toBe('interrupted');

    expect(store.getState().undo()).toBe(true);
    const back = store.getState();
    expect(back.settings).toBe(before.settings);
    expect(back.conversations).toBe(before.conversations);
    expect(back.session).toBe(before.session);
    expect(back.hasUnsavedWork()).toBe(false);
  });

  it('dismissing the notice keeps the change undoable', async () => {
    const { store } = await loop();
    store.getState().deleteMessage(MAIN, entries(store)[4].key);
    store.getState().dismissUndo();
    expect(store.getState().undoDismissed).toBe(store.getState().undoHistory.at(-1)?.id);
    expect(store.getState().undo()).toBe(true);
  });

  it('a restored scenario with hostile alternatives opens, dropping what cannot be read', () => {
    const hostile = {
      ...cloneScenario(DEFAULT_SCENARIO),
      messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }],
      alternatives: [
        { at: 1, current: 0, others: [{ messages: [{ role: 'assistant', content: 'Hey' }] }] },
        { at: 1, current: 0, others: [{ messages: [{ role: 'assistant', content: 'duplicate place' }] }] },
        { at: 99, current: 0, others: [{ messages: [] }] },
        { at: 0, current: 'x', others: [{ messages: [{ role: 'wizard' }] }] },
        { __proto__: { at: 1 }, others: 'no' },
      ],
    };
    const restored = restoreScenario(hostile);
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.scenario.alternatives).toEqual([{ at: 1, current: 0, others: [{ messages: [{ role: 'assistant', content: 'Hey' }] }] }]);
    const { store } = makeStore(restored.scenario);
    expect(wire(store).at(-1)).toEqual({ role: 'assistant', content: 'Hello' });
    store.getState().showAnswer(MAIN, 1, 1);
    expect(wire(store).at(-1)).toEqual({ role: 'assistant', content: 'Hey' });
  });

  it('forkName marks the copy and keeps within the name limit', () => {
    expect(forkName('Trip')).toBe('Trip (fork)');
    expect(forkName('x'.repeat(300)).length).toBe(200);
  });
});
