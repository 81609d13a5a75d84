import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fixedMock, type Mocks } from '@/lib/mocks/mock';
import type { ChatCompletionChunk, ChatMessage, ChatRequest } from '@/lib/wire/chat';
import {
  applyEvent,
  declinedResult,
  foldedResults,
  fromWireMessages,
  initialConversation,
  nextAction,
  requestMessages,
  resultEntries,
  toWireMessages,
  unansweredCalls,
  type AssistantEntry,
  type ConversationEvent,
  type ConversationState,
} from './reducer';
import { MAX_BRANCH_DEPTH, MAX_VERSIONS, storedEntryCount, bounded, MAX_STORED_ENTRIES } from './branches';
import { branchesFromScenario, branchesToScenario, messagePlaces } from './alternatives';

const BODY: ChatRequest = { model: 'offline-simulator', messages: [{ role: 'user', content: 'hi' }] };
const MOCKS: Mocks = { get_current_weather: fixedMock('{"temperature": 22}') };

function run(events: ConversationEvent[], state: ConversationState = initialConversation): ConversationState {
  return events.reduce(applyEvent, state);
}

function chunk(delta: ChatCompletionChunk['choices'][0]['delta'], finish: ChatCompletionChunk['choices'][0]['finish_reason'] = null): ChatCompletionChunk {
  return { id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] };
}

/** The model call due now, answered with text. */
function answer(state: ConversationState, requestId: string, text: string): ConversationState {
  expect(nextAction(state).type).toBe('call');
  return run(
    [
      { type: 'requestStarted', requestId, body: BODY, at: 1 },
      { type: 'chunkReceived', requestId, at: 2, chunk: chunk({ content: text }, 'stop') },
      { type: 'streamFinished', requestId, at: 3, mocks: MOCKS },
    ],
    state,
  );
}

/** The model call due now, answered with calls to get_current_weather for each city. */
function callTools(state: ConversationState, requestId: string, cities: string[]): ConversationState {
  const events: ConversationEvent[] = [{ type: 'requestStarted', requestId, body: BODY, at: 1 }];
  cities.forEach((city, index) =>
    events.push({
      type: 'chunkReceived',
      requestId,
      at: 2,
      chunk: chunk({ tool_calls: [{ index, id: `${requestId}_${index}`, type: 'function', function: { name: 'get_current_weather', arguments: JSON.stringify({ location: city }) } }] }),
    }),
  );
  events.push({ type: 'chunkReceived', requestId, at: 3, chunk: chunk({}, 'tool_calls') }, { type: 'streamFinished', requestId, at: 4, mocks: MOCKS });
  return run(events, state);
}

const approveAll = (state: ConversationState) => unansweredCalls(state).reduce((s, card) => applyEvent(s, { type: 'callApproved', callKey: card.key }), state);

/** user → assistant (2 calls) → 2 results → answer → user → answer. */
function loop(): ConversationState {
  let state = run([{ type: 'userSent', text: 'Weather in Paris and Rome?' }]);
  state = approveAll(callTools(state, 'r1', ['Paris', 'Rome']));
  state = answer(state, 'r2', 'Paris 22, Rome 22.');
  state = applyEvent(state, { type: 'userSent', text: 'Thanks!' });
  return answer(state, 'r3', 'You are welcome.');
}

const roles = (state: ConversationState) => toWireMessages(state).map((m) => m.role);
const keyAt = (state: ConversationState, index: number) => state.entries[index].key;
const cardsOf = (state: ConversationState, index = 1) => (state.entries[index] as AssistantEntry).toolCalls;

describe('edit', () => {
  it('edits a user message, an assistant text and a system message in place; later requests send the edit', () => {
    let state = loop();
    state = applyEvent(state, { type: 'messageEdited', key: keyAt(state, 0), text: 'Weather in Oslo?' });
    state = applyEvent(state, { type: 'messageEdited', key: keyAt(state, 4), text: 'Oslo 3.' });
    const wire = toWireMessages(state);
    expect(wire[0]).toEqual({ role: 'user', content: 'Weather in Oslo?' });
    expect(wire[4]).toEqual({ role: 'assistant', content: 'Oslo 3.' });
    expect(requestMessages(state, 'sys').length).toBe(wire.length + 1);

    const withSystem = fromWireMessages([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }]);
    const edited = applyEvent(withSystem, { type: 'messageEdited', key: keyAt(withSystem, 0), text: 'Be long.' });
    expect(toWireMessages(edited)[0]).toEqual({ role: 'system', content: 'Be long.' });
  });

  it('refuses what would make no sense: an empty user message, an answer of nothing, the same text', () => {
    const state = loop();
    expect(applyEvent(state, { type: 'messageEdited', key: keyAt(state, 0), text: '  ' })).toBe(state);
    expect(applyEvent(state, { type: 'messageEdited', key: keyAt(state, 4), text: '' })).toBe(state);
    expect(applyEvent(state, { type: 'messageEdited', key: keyAt(state, 4), text: 'Paris 22, Rome 22.' })).toBe(state);
    expect(applyEvent(state, { type: 'messageEdited', key: 'nope', text: 'x' })).toBe(state);
    // Beside tool calls, no text is null, as the model sends it.
    const withText = applyEvent(state, { type: 'messageEdited', key: keyAt(state, 1), text: 'Let me look.' });
    const cleared = applyEvent(withText, { type: 'messageEdited', key: keyAt(state, 1), text: '' });
    expect(toWireMessages(cleared)[1]).toMatchObject({ role: 'assistant', content: null });
  });

  it('edited arguments are what later requests send', () => {
    let state = loop();
    const [paris] = cardsOf(state);
    state = applyEvent(state, { type: 'callArgumentsEdited', callKey: paris.key, text: '{"location": "Lyon"}' });
    const calls = toWireMessages(state)[1];
    expect(calls.role === 'assistant' && calls.tool_calls?.[0].function.arguments).toBe('{"location": "Lyon"}');
  });

  it('a result edited changes its tool message and its card together; the decline text reads as rejected', () => {
    let state = loop();
    const [, rome] = cardsOf(state);
    state = applyEvent(state, { type: 'callResultEdited', callKey: rome.key, text: '{"temperature": 30}' });
    expect(toWireMessages(state)[3]).toEqual({ role: 'tool', tool_call_id: rome.id, content: '{"temperature": 30}' });
    expect(cardsOf(state)[1]).toMatchObject({ result: '{"temperature": 30}', state: 'approved' });
    state = applyEvent(state, { type: 'callResultEdited', callKey: rome.key, text: declinedResult('get_current_weather') });
    expect(cardsOf(state)[1].state).toBe('rejected');
    // Editing the tool message itself does the same.
    state = applyEvent(state, { type: 'messageEdited', key: keyAt(state, 3), text: '{"temperature": 31}' });
    expect(cardsOf(state)[1]).toMatchObject({ result: '{"temperature": 31}', state: 'approved' });
  });

  it('changes nothing while a reply streams', () => {
    const state = applyEvent(loop(), { type: 'userSent', text: 'More?' });
    const streaming = applyEvent(state, { type: 'requestStarted', requestId: 'r9', body: BODY, at: 1 });
    for (const event of [
      { type: 'messageEdited', key: keyAt(state, 0), text: 'x' },
      { type: 'messageDeleted', key: keyAt(state, 0) },
      { type: 'ranFromHere', key: keyAt(state, 0) },
      { type: 'regenerated', key: keyAt(state, 4) },
      { type: 'callDeleted', callKey: cardsOf(state)[0].key },
      { type: 'forked', key: keyAt(state, 0) },
    ] as ConversationEvent[]) {
      expect(applyEvent(streaming, event)).toBe(streaming);
    }
  });
});

describe('each result shows once', () => {
  it('folds each answered call\'s tool message into its card; a second result, or one without a call, is its own row', () => {
    const state = loop();
    const folded = foldedResults(state.entries);
    expect([...folded.keys()]).toEqual([keyAt(state, 2), keyAt(state, 3)]);
    const odd = fromWireMessages([
      { role: 'user', content: 'x' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'a', content: '1' },
      { role: 'tool', tool_call_id: 'a', content: '2' },
      { role: 'tool', tool_call_id: 'zzz', content: '3' },
    ]);
    expect([...foldedResults(odd.entries).keys()]).toEqual([keyAt(odd, 2)]);
  });
});

describe('delete', () => {
  it('an assistant message takes its calls\' results with it', () => {
    const state = loop();
    const deleted = applyEvent(state, { type: 'messageDeleted', key: keyAt(state, 1) });
    expect(roles(deleted)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });

  it('a call goes with its result, and a result with its call; the message goes with its last call', () => {
    let state = loop();
    const [paris, rome] = cardsOf(state);
    state = applyEvent(state, { type: 'callDeleted', callKey: paris.key });
    expect(roles(state)).toEqual(['user', 'assistant', 'tool', 'assistant', 'user', 'assistant']);
    expect(toWireMessages(state)[2]).toMatchObject({ tool_call_id: rome.id });
    expect(cardsOf(state).map((card) => card.id)).toEqual([rome.id]);
    // Deleting the result (its tool message) deletes the call too, and the message left with nothing.
    state = applyEvent(state, { type: 'messageDeleted', key: keyAt(state, 2) });
    expect(roles(state)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(toWireMessages(state)[1]).toEqual({ role: 'assistant', content: 'Paris 22, Rome 22.' });
  });

  it('an unanswered call goes alone; the turn is then not due by itself', () => {
    let state = callTools(run([{ type: 'userSent', text: 'x' }]), 'r1', ['Paris', 'Rome']);
    state = applyEvent(state, { type: 'callApproved', callKey: cardsOf(state)[0].key });
    state = applyEvent(state, { type: 'callDeleted', callKey: cardsOf(state)[1].key });
    expect(roles(state)).toEqual(['user', 'assistant', 'tool']);
    expect(nextAction(state)).toEqual({ type: 'idle' });
  });

  it('a user message and a tool message without a call go alone', () => {
    const state = loop();
    expect(roles(applyEvent(state, { type: 'messageDeleted', key: keyAt(state, 5) }))).toEqual(['user', 'assistant', 'tool', 'tool', 'assistant', 'assistant']);
    const orphan = fromWireMessages([{ role: 'user', content: 'x' }, { role: 'tool', tool_call_id: 'q', content: '1' }]);
    expect(roles(applyEvent(orphan, { type: 'messageDeleted', key: keyAt(orphan, 1) }))).toEqual(['user']);
  });
});

describe('run from here', () => {
  it('cuts after the message and asks for a call', () => {
    const state = loop();
    const ran = applyEvent(state, { type: 'ranFromHere', key: keyAt(state, 0) });
    expect(roles(ran)).toEqual(['user']);
    expect(nextAction(ran)).toEqual({ type: 'call', ticket: state.ticket + 1 });
    expect(ran.calls).toBe(state.calls);
  });

  it('from an assistant message keeps its calls\' results, and waits until every call is answered', () => {
    const state = loop();
    expect(roles(applyEvent(state, { type: 'ranFromHere', key: keyAt(state, 1) }))).toEqual(['user', 'assistant', 'tool', 'tool']);
    const waiting = callTools(run([{ type: 'userSent', text: 'x' }]), 'r1', ['Paris']);
    expect(applyEvent(waiting, { type: 'ranFromHere', key: keyAt(waiting, 1) })).toBe(waiting);
  });

  it('clears a failure', () => {
    const failed = run(
      [
        { type: 'userSent', text: 'x' },
        { type: 'requestStarted', requestId: 'r1', body: BODY, at: 0 },
        { type: 'callFailed', requestId: 'r1', at: 1, error: { status: 500, kind: 'http', message: 'no' } },
      ],
    );
    const ran = applyEvent(failed, { type: 'ranFromHere', key: keyAt(failed, 0) });
    expect(ran.failure).toBeNull();
    expect(nextAction(ran).type).toBe('call');
  });
});

describe('regenerate and alternatives', () => {
  it('sends the same request again and keeps the old answer, and what followed it, as an alternative', () => {
    const state = loop();
    const regenerated = applyEvent(state, { type: 'regenerated', key: keyAt(state, 4) });
    expect(roles(regenerated)).toEqual(['user', 'assistant', 'tool', 'tool']);
    expect(requestMessages(regenerated, '')).toEqual(toWireMessages(state).slice(0, 4));
    expect(regenerated.branches).toHaveLength(1);
    expect(regenerated.branches[0]).toMatchObject({ at: 4, current: 1 });
    expect(regenerated.branches[0].others[0].entries.map((e) => e.kind)).toEqual(['assistant', 'user', 'assistant']);

    const two = answer(regenerated, 'r4', 'Both are warm.');
    expect(toWireMessages(two).at(-1)).toEqual({ role: 'assistant', content: 'Both are warm.' });
    // Page back: the old tail returns whole; page forward: the new one.
    const back = applyEvent(two, { type: 'answerShown', at: 4, index: 0 });
    expect(toWireMessages(back)).toEqual(toWireMessages(state));
    expect(back.branches[0]).toMatchObject({ at: 4, current: 0 });
    const forward = applyEvent(back, { type: 'answerShown', at: 4, index: 1 });
    expect(toWireMessages(forward)).toEqual(toWireMessages(two));
    expect(applyEvent(forward, { type: 'answerShown', at: 4, index: 1 })).toBe(forward);
    expect(applyEvent(forward, { type: 'answerShown', at: 4, index: 7 })).toBe(forward);
  });

  it('a third answer is the third version; the middle one can be shown', () => {
    let state = loop();
    state = answer(applyEvent(state, { type: 'regenerated', key: keyAt(state, 6) }), 'r4', 'Second.');
    state = answer(applyEvent(state, { type: 'regenerated', key: keyAt(state, 6) }), 'r5', 'Third.');
    expect(state.branches[0]).toMatchObject({ at: 6, current: 2 });
    expect(state.branches[0].others).toHaveLength(2);
    const middle = applyEvent(state, { type: 'answerShown', at: 6, index: 1 });
    expect(toWireMessages(middle).at(-1)).toEqual({ role: 'assistant', content: 'Second.' });
    expect(applyEvent(middle, { type: 'answerShown', at: 6, index: 2 }).entries.at(-1)).toMatchObject({ content: 'Third.' });
  });

  it('branches inside a tail move with it', () => {
    let state = loop();
    state = answer(applyEvent(state, { type: 'regenerated', key: keyAt(state, 6) }), 'r4', 'Inner second.');
    // Regenerate the earlier answer: the tail that holds the inner branch is kept whole.
    state = answer(applyEvent(state, { type: 'regenerated', key: keyAt(state, 4) }), 'r5', 'Outer second.');
    expect(state.branches.map((b) => b.at)).toEqual([4]);
    expect(state.branches[0].others[0].branches).toMatchObject([{ at: 2, current: 1 }]);
    const back = applyEvent(state, { type: 'answerShown', at: 4, index: 0 });
    expect(back.branches.map((b) => [b.at, b.current])).toEqual([
      [4, 0],
      [6, 1],
    ]);
    expect(back.entries.at(-1)).toMatchObject({ content: 'Inner second.' });
    expect(applyEvent(back, { type: 'answerShown', at: 6, index: 0 }).entries.at(-1)).toMatchObject({ content: 'You are welcome.' });
  });

  it('a regenerated answer that failed before any of it arrived is not kept once another is shown', () => {
    let state = loop();
    state = run(
      [
        { type: 'regenerated', key: keyAt(state, 6) },
        { type: 'requestStarted', requestId: 'r4', body: BODY, at: 0 },
        { type: 'callFailed', requestId: 'r4', at: 1, error: { status: 500, kind: 'http', message: 'no' } },
      ],
      state,
    );
    expect(state.entries).toHaveLength(6);
    expect(state.branches[0]).toMatchObject({ at: 6, current: 1 });
    const back = applyEvent(state, { type: 'answerShown', at: 6, index: 0 });
    expect(back.failure).toBeNull();
    expect(back.branches).toEqual([]);
    expect(back.entries.at(-1)).toMatchObject({ content: 'You are welcome.' });
  });

  it('run from the message before a branch adds a version to it instead of dropping the answers kept there', () => {
    let state = loop();
    state = answer(applyEvent(state, { type: 'regenerated', key: keyAt(state, 6) }), 'r4', 'Second.');
    state = applyEvent(state, { type: 'ranFromHere', key: keyAt(state, 5) });
    expect(state.branches[0]).toMatchObject({ at: 6, current: 2 });
    // Run from an earlier message drops what came after it, branches included (Undo brings them back).
    const earlier = applyEvent(state, { type: 'ranFromHere', key: keyAt(state, 0) });
    expect(earlier.branches).toEqual([]);
  });

  it('deleting before a branch moves it back; deleting its answer keeps the others at that place', () => {
    let state = loop();
    state = answer(applyEvent(state, { type: 'regenerated', key: keyAt(state, 6) }), 'r4', 'Second.');
    const moved = applyEvent(state, { type: 'messageDeleted', key: keyAt(state, 1) });
    expect(moved.branches.map((b) => b.at)).toEqual([3]);
    expect(applyEvent(moved, { type: 'answerShown', at: 3, index: 0 }).entries.at(-1)).toMatchObject({ content: 'You are welcome.' });
    const gone = applyEvent(state, { type: 'messageDeleted', key: keyAt(state, 6) });
    expect(gone.branches.map((b) => b.at)).toEqual([6]);
    expect(applyEvent(gone, { type: 'answerShown', at: 6, index: 0 }).entries.at(-1)).toMatchObject({ content: 'You are welcome.' });
  });

  it('keeps at most MAX_VERSIONS answers at one place (the oldest goes), nested at most MAX_BRANCH_DEPTH deep', () => {
    let state = loop();
    for (let i = 0; i < MAX_VERSIONS + 3; i++) state = answer(applyEvent(state, { type: 'regenerated', key: keyAt(state, 6) }), `x${i}`, `Answer ${i}`);
    expect(state.branches[0].others).toHaveLength(MAX_VERSIONS - 1);
    expect(state.branches[0].current).toBe(MAX_VERSIONS - 1);
    // 24 answers: the first ("You are welcome.") and Answers 0 to 2 went.
    expect(state.branches[0].others[0].entries[0]).toMatchObject({ content: 'Answer 3' });

    const deep = (depth: number): ConversationState['branches'] =>
      depth === 0 ? [] : [{ at: 1, current: 1, others: [{ entries: [state.entries[0]], branches: deep(depth - 1) }] }];
    const depthOf = (branches: ConversationState['branches']): number =>
      branches.length ? 1 + Math.max(...branches.flatMap((b) => b.others.map((v) => depthOf(v.branches)))) : 0;
    expect(depthOf(bounded(deep(MAX_BRANCH_DEPTH + 4)))).toBe(MAX_BRANCH_DEPTH);
    const many = [{ at: 1, current: 0, others: Array.from({ length: 3 }, () => ({ entries: Array(MAX_STORED_ENTRIES / 2).fill(state.entries[0]), branches: [] })) }];
    expect(storedEntryCount(bounded(many))).toBeLessThanOrEqual(MAX_STORED_ENTRIES);
  });

  it('cannot regenerate a message that is not an answer, or an answer with nothing before it', () => {
    const state = loop();
    expect(applyEvent(state, { type: 'regenerated', key: keyAt(state, 0) })).toBe(state);
    const alone = fromWireMessages([{ role: 'assistant', content: 'Hi' }]);
    expect(applyEvent(alone, { type: 'regenerated', key: keyAt(alone, 0) })).toBe(alone);
  });
});

describe('fork', () => {
  it('copies the conversation up to a message, with its results, the branches within it and the calls its answers came from', () => {
    let state = loop();
    state = answer(applyEvent(state, { type: 'regenerated', key: keyAt(state, 4) }), 'r4', 'Second.');
    const copy = applyEvent(state, { type: 'forked', key: keyAt(state, 1) });
    expect(roles(copy)).toEqual(['user', 'assistant', 'tool', 'tool']);
    expect(copy.branches).toEqual([]);
    expect(copy.calls.map((call) => call.requestId)).toEqual(['r1']);
    const whole = applyEvent(state, { type: 'forked', key: keyAt(state, 4) });
    expect(whole.branches.map((b) => b.at)).toEqual([4]);
    // The calls of the answers kept aside come too (their inspector records, their model).
    expect(whole.calls.map((call) => call.requestId).sort()).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(nextAction(whole)).toEqual({ type: 'idle' });
  });
});

describe('undo', () => {
  it('puts the state back exactly, counters going forward', () => {
    const state = loop();
    const changed = applyEvent(state, { type: 'regenerated', key: keyAt(state, 4) });
    const undone = applyEvent(changed, { type: 'undone', to: state });
    expect({ ...undone, ticket: state.ticket }).toEqual(state);
    expect(undone.ticket).toBe(changed.ticket);
  });
});

describe('alternatives in a scenario', () => {
  it('round-trip: places translate where an entry sends no message', () => {
    let state = loop();
    state = answer(applyEvent(state, { type: 'regenerated', key: keyAt(state, 6) }), 'r4', 'Inner second.');
    state = answer(applyEvent(state, { type: 'regenerated', key: keyAt(state, 4) }), 'r5', 'Outer second.');
    const saved = branchesToScenario(state.entries, state.branches);
    expect(saved).toMatchObject([{ at: 4, current: 1, others: [{ messages: [{ role: 'assistant' }, { role: 'user' }, { role: 'assistant' }], alternatives: [{ at: 2, current: 1 }] }] }]);
    const read = branchesFromScenario(saved, (messages, seq) => fromWireMessages(messages, MOCKS, seq), state.seq);
    expect(read.seq).toBeGreaterThan(state.seq);
    const restored = { ...fromWireMessages(toWireMessages(state), MOCKS), branches: read.branches };
    const back = applyEvent(restored, { type: 'answerShown', at: 4, index: 0 });
    expect(toWireMessages(back).at(-1)).toEqual({ role: 'assistant', content: 'Inner second.' });
    expect(branchesToScenario(restored.entries, restored.branches)).toEqual(saved);

    // A reply stopped before any text sends no message: the places after it move back by one.
    const stopped = run(
      [
        { type: 'userSent', text: 'a' },
        { type: 'requestStarted', requestId: 's', body: BODY, at: 0 },
        { type: 'chunkReceived', requestId: 's', at: 1, chunk: chunk({ tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '{' } }] }) },
        { type: 'callFailed', requestId: 's', at: 2, error: { status: null, kind: 'aborted', message: 'Stopped' } },
      ],
    );
    expect(messagePlaces(stopped.entries)).toEqual([0, 1, 1]);
  });

  it('messagePlaces counts what toWireMessages sends', () => {
    const message: fc.Arbitrary<ChatMessage> = fc.oneof(
      fc.record({ role: fc.constant('user' as const), content: fc.string() }),
      fc.record({ role: fc.constant('assistant' as const), content: fc.option(fc.string(), { nil: null }) }),
      fc.record({ role: fc.constant('tool' as const), tool_call_id: fc.constant('a'), content: fc.string() }),
    );
    fc.assert(
      fc.property(fc.array(message, { maxLength: 10 }), (messages) => {
        const state = fromWireMessages(messages);
        expect(messagePlaces(state.entries).at(-1)).toBe(toWireMessages(state).length);
      }),
    );
    expect(resultEntries([]).size).toBe(0);
  });
});

describe('cut (a replay going live)', () => {
  /** user → assistant (Paris approved with an edited result, Rome rejected) → 2 results → answer. */
  function answeredAndDeclined(): ConversationState {
    let state = callTools(run([{ type: 'userSent', text: 'Weather in Paris and Rome?' }]), 'r1', ['Paris', 'Rome']);
    const [paris, rome] = cardsOf(state);
    state = run(
      [
        { type: 'resultEdited', callKey: paris.key, text: '{"temperature": 30}' },
        { type: 'callApproved', callKey: paris.key },
        { type: 'callRejected', callKey: rome.key },
      ],
      state,
    );
    return answer(state, 'r2', 'Paris is 30; Rome was not checked.');
  }

  it('after a message with calls: its calls wait for a result again, each keeping the one it had (a declined one the mock’s)', () => {
    const state = answeredAndDeclined();
    const cut = applyEvent(state, { type: 'cutTo', count: 2, call: false });
    expect(roles(cut)).toEqual(['user', 'assistant']);
    expect(cardsOf(cut).map((card) => [card.state, card.result])).toEqual([
      ['awaiting-result', '{"temperature": 30}'],
      ['awaiting-result', '{"temperature": 22}'],
    ]);
    expect(nextAction(cut)).toEqual({ type: 'await-results', remaining: 2 });
    expect(cut.ticket).toBe(state.ticket);
    expect(cut.calls).toBe(state.calls);
  });

  it('after a call’s result: that call stays answered, the other waits; answering it calls the model', () => {
    const state = answeredAndDeclined();
    const cut = applyEvent(state, { type: 'cutTo', count: 3, call: false });
    expect(cardsOf(cut).map((card) => card.state)).toEqual(['approved', 'awaiting-result']);
    const answered = applyEvent(cut, { type: 'callApproved', callKey: cardsOf(cut)[1].key });
    expect(nextAction(answered)).toEqual({ type: 'call', ticket: cut.ticket + 1 });
    expect(toWireMessages(answered).slice(2)).toEqual([
      { role: 'tool', tool_call_id: 'r1_0', content: '{"temperature": 30}' },
      { role: 'tool', tool_call_id: 'r1_1', content: '{"temperature": 22}' },
    ]);
  });

  it('a call that reuses an earlier turn’s call id waits again when its own result is cut', () => {
    const call = (content: string): ChatMessage => ({ role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_current_weather', arguments: content } }] });
    const state = fromWireMessages(
      [
        { role: 'user', content: 'Paris?' },
        call('{"location": "Paris"}'),
        { role: 'tool', tool_call_id: 'call_1', content: '{"temperature": 22}' },
        { role: 'assistant', content: '22 in Paris.' },
        { role: 'user', content: 'Rome?' },
        call('{"location": "Rome"}'),
        { role: 'tool', tool_call_id: 'call_1', content: '{"temperature": 25}' },
        { role: 'assistant', content: '25 in Rome.' },
      ],
      MOCKS,
    );
    const cut = applyEvent(state, { type: 'cutTo', count: 6, call: false });
    expect(cardsOf(cut, 1)[0].state).toBe('approved');
    expect(cardsOf(cut, 5)[0]).toMatchObject({ state: 'awaiting-result', result: '{"temperature": 25}' });
    expect(nextAction(cut)).toEqual({ type: 'await-results', remaining: 1 });
  });

  it('with `call`, the model is called from there: the call is due on a new ticket, a failure is cleared', () => {
    const state = loop();
    const cut = applyEvent(state, { type: 'cutTo', count: 4, call: true });
    expect(roles(cut)).toEqual(['user', 'assistant', 'tool', 'tool']);
    expect(cut).toMatchObject({ pendingCall: true, ticket: state.ticket + 1 });
    expect(nextAction(cut)).toEqual({ type: 'call', ticket: state.ticket + 1 });
    expect(applyEvent(state, { type: 'cutTo', count: state.entries.length, call: true }).pendingCall).toBe(true);
    const failed = run(
      [
        { type: 'userSent', text: 'x' },
        { type: 'requestStarted', requestId: 'r1', body: BODY, at: 0 },
        { type: 'callFailed', requestId: 'r1', at: 1, error: { status: 500, kind: 'http', message: 'no' } },
      ],
    );
    const live = applyEvent(failed, { type: 'cutTo', count: 1, call: true });
    expect(live.failure).toBeNull();
    expect(nextAction(live).type).toBe('call');
  });

  it('takes the branches after the cut with the entries', () => {
    let state = loop();
    state = answer(applyEvent(state, { type: 'regenerated', key: keyAt(state, 6) }), 'r4', 'Second.');
    expect(applyEvent(state, { type: 'cutTo', count: 7, call: false }).branches.map((b) => b.at)).toEqual([6]);
    expect(applyEvent(state, { type: 'cutTo', count: 4, call: false }).branches).toEqual([]);
  });

  it('changes nothing for a count out of range, or the whole conversation without a call', () => {
    const state = loop();
    for (const count of [-1, state.entries.length + 1, 1.5, Number.NaN]) expect(applyEvent(state, { type: 'cutTo', count, call: true })).toBe(state);
    expect(applyEvent(state, { type: 'cutTo', count: state.entries.length, call: false })).toBe(state);
  });

  it('is refused while a reply streams', () => {
    const streaming = run([{ type: 'requestStarted', requestId: 'r9', body: BODY, at: 0 }], applyEvent(loop(), { type: 'userSent', text: 'More?' }));
    expect(applyEvent(streaming, { type: 'cutTo', count: 2, call: false })).toBe(streaming);
    expect(applyEvent(streaming, { type: 'cutTo', count: 2, call: true })).toBe(streaming);
  });
});
