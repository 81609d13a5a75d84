import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyEvent, fromWireMessages, type ConversationState } from '@/lib/conversation/reducer';
import { checkToolArgumentsIfLoaded } from '@/lib/tools/arguments';
import { loadSchemaEngine } from '@/lib/tools/schema-engine-loader';
import { flush, makeTestStore, osloConversation, resetTestRequestIds } from '@/lib/store/testing/test-store';
import { mainConversation } from '@/lib/store/selectors';
import { answered, approveAll, asked, calledTools, cards, chunk, failed, MOCKS, MODEL, QUESTION, run, started, stepsOf as demoStepsOf, TOOLS, weatherLoop } from './testing/conversations';
import type { DemoInput, DemoStep } from './types';

/** Each step as "rail kind:from→to …". */
const shape = (steps: DemoStep[]) => steps.map((step) => `${step.rail} ${step.arrows.map((a) => `${a.kind}:${a.from}→${a.to}`).join(' ')}`);
const arrowsOf = (steps: DemoStep[], kind: string) => steps.flatMap((step) => step.arrows.filter((arrow) => arrow.kind === kind));
const stepOf = (steps: DemoStep[], suffix: string) => steps.filter((step) => step.id.endsWith(suffix));
/** The steps with the arguments checked against the tools, as the page does. */
const stepsOf = (state: ConversationState, change: Partial<DemoInput> = {}) =>
  demoStepsOf(state, { checkArguments: (name, text) => checkToolArgumentsIfLoaded(change.tools ?? TOOLS, name, text), ...change });

const LOOP_SHAPE = ['1 question:person→app', '1 request:app→model', '2 tool-call:model→app', '3 run:app→tool', '3 result:tool→app', '4 request:app→model', '4 answer:model→app shown:app→person'];

beforeAll(async () => {
  await loadSchemaEngine();
});

describe('the one-tool weather loop', () => {
  it('is the guide’s four steps: ask, call the model, the model asks for a tool, run it, call the model again, answer', () => {
    const state = weatherLoop();
    const steps = stepsOf(state);
    expect(shape(steps)).toEqual(LOOP_SHAPE);
    expect(steps.map((step) => step.title)).toEqual(['The person asks', 'Call the model', 'The model asks for a tool', 'Run the function', 'The result comes back', 'Call the model again', 'The model answers']);
    expect(steps.every((step) => step.turn === 1 && !step.parallel)).toBe(true);
    expect(steps.flatMap((step) => step.arrows.map((arrow) => arrow.status)).every((status) => status === 'done')).toBe(true);
    expect(arrowsOf(steps, 'request').map((arrow) => [arrow.requestId, arrow.retry])).toEqual([['r1', false], ['r2', false]]);
  });

  it('shows the entries as they appear, and the replies arrive at their steps', () => {
    const state = weatherLoop();
    const steps = stepsOf(state);
    expect(steps.map((step) => step.visibleEntries)).toEqual([1, 1, 2, 2, 3, 3, 4]);
    expect(steps.map((step) => step.arrives)).toEqual([null, null, 1, null, null, null, 3]);
    expect(state.entries[1].kind).toBe('assistant');
    expect(state.entries[3].kind).toBe('assistant');
  });

  it('notes what really happened: the model, the tools, the check, the rule that answered, the values used', () => {
    const notes = stepsOf(weatherLoop()).map((step) => step.notes.join('\n'));
    expect(notes[0]).toContain('1 tool (get_current_weather)');
    expect(notes[1]).toContain(`The app calls ${MODEL} with 2 messages and 1 tool definition.`);
    expect(notes[2]).toContain('get_current_weather: ✓ Arguments match the schema.');
    expect(notes[3]).toContain("approved by the person; the mock's rule “location = New York” gave the result.");
    expect(notes[4]).toContain('get_current_weather returned {"temperature": 22, "unit": "celsius", "description": "Sunny"}');
    expect(notes[5]).toContain(`The app calls ${MODEL} again with the whole conversation (4 messages), now ending with the tool result`);
    expect(notes[6]).toContain('It uses 22 and “Sunny” from the result.');
  });

  it('says ✗ and the check’s first problem when the arguments do not match the schema, and names an undefined tool', () => {
    const state = calledTools(asked(), 'r1', ['{"location": "Oslo", "unit": "kelvin"}', ['get_weather', '{}']]);
    const invalid = checkToolArgumentsIfLoaded(TOOLS, 'get_current_weather', '{"location": "Oslo", "unit": "kelvin"}')!;
    expect(invalid.ok).toBe(false);
    const notes = stepOf(stepsOf(state), ':tool-calls')[0].notes;
    expect(notes).toContain(`get_current_weather: ✗ ${invalid.summary}.`);
    expect(invalid.summary).toMatch(/unit/);
    expect(notes).toContain('get_weather: ✗ the model named a tool that is not defined.');
    expect(stepOf(stepsOf(state, { checkArguments: () => null }), ':tool-calls')[0].notes).toContain('get_current_weather: the check is still loading.');
  });

  it('is the same driven through the store against a fake chat server', async () => {
    resetTestRequestIds();
    const { store, server } = makeTestStore();
    store.getState().patchSettings({ draft: QUESTION });
    store.getState().send();
    server.calls[0].tools(['New York']);
    await flush();
    for (const card of cards(mainConversation(store.getState()).state)) store.getState().approve('main', card.key);
    server.calls[1].text('22 °C in New York.');
    await flush();
    const steps = stepsOf(mainConversation(store.getState()).state, { model: 'unused' });
    expect(shape(steps)).toEqual(LOOP_SHAPE);
    expect(arrowsOf(steps, 'request').map((arrow) => [arrow.requestId, arrow.label])).toEqual([['r1', '2 messages, 1 tool'], ['r2', '4 messages, 1 tool']]);
    expect(steps[1].notes[0]).toMatch(/^The app calls offline-simulator with/);
  });
});

describe('other conversations', () => {
  it('a direct answer without tools is answered at step 1', () => {
    const state = answered(asked('Hello!'), 'r1', 'Hi there.');
    const steps = stepsOf(state, { tools: [] });
    expect(shape(steps)).toEqual(['1 question:person→app', '1 request:app→model', '1 answer:model→app shown:app→person']);
    expect(steps[0].notes[1]).toMatch(/defines no tools/);
    expect(steps[2].notes[0]).toMatch(/without asking for a tool/);
  });

  it('two parallel calls draw two arrows at each step; the results come back in the order they were sent', () => {
    let state = calledTools(asked(), 'r1', ['{"location": "New York"}', '{"location": "Chicago"}']);
    const [york, chicago] = cards(state);
    state = run(state, { type: 'callApproved', callKey: chicago.key }, { type: 'callApproved', callKey: york.key });
    const steps = stepsOf(state);
    for (const suffix of [':tool-calls', ':run', ':results']) {
      const [step] = stepOf(steps, suffix);
      expect(step.parallel).toBe(true);
      expect(step.arrows).toHaveLength(2);
    }
    expect(stepOf(steps, ':results')[0].arrows.map((arrow) => arrow.id)).toEqual([`${chicago.key}:result`, `${york.key}:result`]);
    expect(stepOf(steps, ':tool-calls')[0].notes.join(' ')).toMatch(/parallel tool calls/);
    expect(steps.at(-1)).toMatchObject({ rail: 4, title: 'Call the model again', arrows: [{ status: 'pending' }] });
  });

  it('a rejected call is not run, sends no result arrow, and its declined result still shows', () => {
    let state = calledTools(asked(), 'r1', ['{"location": "New York"}', '{"location": "Chicago"}']);
    const [york, chicago] = cards(state);
    state = run(state, { type: 'callRejected', callKey: york.key }, { type: 'callApproved', callKey: chicago.key });
    const steps = stepsOf(state);
    expect(stepOf(steps, ':run')[0].arrows.map((arrow) => [arrow.status, arrow.label])).toEqual([
      ['rejected', 'get_current_weather: declined, not run'],
      ['done', 'run get_current_weather'],
    ]);
    const results = stepOf(steps, ':results')[0];
    expect(results.arrows.map((arrow) => arrow.id)).toEqual([`${chicago.key}:result`]);
    expect(results.visibleEntries).toBe(4);

    const alone = applyEvent(calledTools(asked(), 'r1', ['{"location": "Oslo"}']), { type: 'callRejected', callKey: 'e1.0' });
    const only = stepsOf(alone);
    expect(stepOf(only, ':results')).toEqual([]);
    expect(stepOf(only, ':run')[0].visibleEntries).toBe(3);
    expect(alone.entries[2].kind).toBe('tool');
  });

  it('a function that reported an error fails its result; a JavaScript mock that failed fails its run, and the typed result goes back', () => {
    let state = calledTools(asked(), 'r1', ['{"location": "Atlantis"}']);
    state = run(state, { type: 'resultEdited', callKey: 'e1.0', text: '{"error": "No such city"}' }, { type: 'callApproved', callKey: 'e1.0' });
    const [result] = arrowsOf(stepsOf(state), 'result');
    expect(result).toMatchObject({ status: 'failed', label: 'get_current_weather → error: No such city' });
    expect(arrowsOf(stepsOf(state), 'run')[0].status).toBe('done');

    let js = calledTools(asked(), 'r1', ['{"location": "Oslo"}'], { get_current_weather: { kind: 'javascript', source: 'throw 1' } });
    js = run(js, { type: 'mockAnswered', callKey: 'e1.0', run: { ok: false, error: 'ReferenceError: x' } }, { type: 'resultEdited', callKey: 'e1.0', text: '{"temperature": 5}' }, { type: 'callApproved', callKey: 'e1.0' });
    const steps = stepsOf(js);
    expect(arrowsOf(steps, 'run')[0]).toMatchObject({ status: 'failed', label: 'get_current_weather: the function failed' });
    expect(arrowsOf(steps, 'result')[0]).toMatchObject({ status: 'done', label: 'get_current_weather → {"temperature": 5}' });
    expect(stepOf(steps, ':run')[0].notes.join(' ')).toContain('the JavaScript mock failed (ReferenceError: x)');
  });

  it('a failed model call and its Retry: the attempt, its error, then the retried request', () => {
    const gone = failed(asked(), 'r1');
    const retried = answered(applyEvent(gone, { type: 'retryRequested' }), 'r2', 'Sunny.');
    const steps = stepsOf(retried);
    expect(shape(steps)).toEqual(['1 question:person→app', '1 request:app→model', '1 error:model→app', '1 request:app→model', '1 answer:model→app shown:app→person']);
    expect(steps[2].arrows[0]).toMatchObject({ status: 'failed', label: 'Error 503: Upstream overloaded', requestId: 'r1' });
    expect(steps[2].title).toBe('The call failed');
    expect(arrowsOf(steps, 'request').map((arrow) => [arrow.requestId, arrow.retry])).toEqual([['r1', false], ['r2', true]]);
    expect(steps[3].arrows[0].label).toMatch(/^Retry: /);
    expect(steps[3].notes.join(' ')).toMatch(/This is a retry/);
    // Retry asked but not started yet: the due call is the retry.
    expect(stepsOf(applyEvent(gone, { type: 'retryRequested' })).at(-1)?.arrows[0]).toMatchObject({ status: 'pending', retry: true });
  });

  it('a failed call at the end, with nothing after it, is drawn at the end; so is a failure restored with no call', () => {
    const steps = stepsOf(failed(asked(), 'r1', 'fetch failed', null));
    expect(shape(steps).slice(1)).toEqual(['1 request:app→model', '1 error:model→app']);
    expect(steps.at(-1)?.arrows[0]).toMatchObject({ status: 'failed', label: 'fetch failed' });
    const restored = { ...asked(), pendingCall: false, failure: { requestId: null, error: { status: null, kind: 'network' as const, message: 'The page went away.' } } };
    const last = stepsOf(restored).at(-1)!;
    expect(last.arrows[0]).toMatchObject({ kind: 'error', status: 'failed', requestId: null, label: 'The page went away.' });
  });

  it('a call that is due is a pending request; a reply that streams is a pending response', () => {
    expect(stepsOf(asked()).at(-1)).toMatchObject({ rail: 1, arrows: [{ kind: 'request', status: 'pending', requestId: null }] });
    expect(stepsOf(asked()).at(-1)?.notes).toContain('The call is about to start.');
    const streaming = run(started(asked(), 'r1'), { type: 'chunkReceived', requestId: 'r1', at: 1, chunk: chunk({ content: 'It is' }) });
    const answer = stepsOf(streaming).at(-1)!;
    expect(answer.arrows).toEqual([expect.objectContaining({ kind: 'answer', status: 'pending', label: '“It is”' })]);
    const tools = run(started(asked(), 'r1'), { type: 'chunkReceived', requestId: 'r1', at: 1, chunk: chunk({ tool_calls: [{ index: 0, id: 'a', function: { name: 'get_current_weather', arguments: '{"loc' } }] }) });
    expect(shape(stepsOf(tools)).at(-1)).toBe('2 tool-call:model→app');
    expect(arrowsOf(stepsOf(tools), 'tool-call')[0].status).toBe('pending');
  });

  it('a conversation from a shared link, with no recorded calls, still has every step', () => {
    const state = fromWireMessages(osloConversation().messages, MOCKS);
    const steps = stepsOf(state);
    expect(shape(steps)).toEqual(LOOP_SHAPE);
    expect(steps.flatMap((step) => step.arrows.map((arrow) => arrow.requestId))).toEqual(steps.flatMap((step) => step.arrows.map(() => null)));
    // The system prompt counts, as in the recorded conversation's requests.
    expect(arrowsOf(steps, 'request').map((arrow) => arrow.label)).toEqual(['2 messages, 1 tool', '4 messages, 1 tool']);
    expect(steps.at(-1)?.notes).toContain('It uses 3 from the result.');
    expect(steps[2].notes[0]).toBe(`Instead of answering, ${MODEL} replied with finish_reason “tool_calls” and one tool call: get_current_weather.`);
  });

  it('calls awaiting a result wait for approval; the results that came are drawn, the rest are counted', () => {
    const waiting = calledTools(asked(), 'r1', ['{"location": "New York"}', '{"location": "Chicago"}']);
    const steps = stepsOf(waiting);
    expect(arrowsOf(steps, 'run').map((arrow) => [arrow.status, arrow.label])).toEqual([
      ['pending', 'get_current_weather: waiting for approval'],
      ['pending', 'get_current_weather: waiting for approval'],
    ]);
    expect(stepOf(steps, ':results')).toEqual([]);
    const half = stepsOf(applyEvent(waiting, { type: 'callApproved', callKey: 'e1.0' }));
    expect(arrowsOf(half, 'run').map((arrow) => arrow.status)).toEqual(['done', 'pending']);
    expect(stepOf(half, ':results')[0].notes.at(-1)).toMatch(/^1 call of this reply still waits/);
  });

  it('a second question opens turn 2, whose steps start again at rail 1', () => {
    const state = answered(asked('And in Chicago?', weatherLoop()), 'r3', '18 °C.');
    const steps = stepsOf(state);
    expect(steps.map((step) => step.turn)).toEqual([1, 1, 1, 1, 1, 1, 1, 2, 2, 2]);
    expect(shape(steps.slice(7))).toEqual(['1 question:person→app', '1 request:app→model', '1 answer:model→app shown:app→person']);
    expect(steps[8].title).toBe('Call the model');
  });
});

describe('ids', () => {
  let state: ConversationState;
  beforeEach(() => {
    state = failed(asked(), 'r1');
    state = calledTools(applyEvent(state, { type: 'retryRequested' }), 'r2', ['{"location": "New York"}', '{"location": "Chicago"}']);
    state = failed(approveAll(state), 'r3', 'Bad gateway', 502);
    state = asked('Thanks', answered(applyEvent(state, { type: 'retryRequested' }), 'r4', 'Done.'));
  });

  it('are unique across steps, and across arrows, in a conversation with retries, parallel calls and two turns', () => {
    const steps = stepsOf(state);
    expect(steps.length).toBeGreaterThan(12);
    const stepIds = steps.map((step) => step.id);
    const arrowIds = steps.flatMap((step) => step.arrows.map((arrow) => arrow.id));
    expect(new Set(stepIds).size).toBe(stepIds.length);
    expect(new Set(arrowIds).size).toBe(arrowIds.length);
  });
});

describe('after a cut', () => {
  it('a call that failed before the cut is not drawn in the conversation that remains', () => {
    // Question, a call, its result, then the call again fails (sent with 4 messages: the system prompt first).
    const before = failed(approveAll(calledTools(asked(), 'r1', ['{"location": "New York"}'])), 'r2');
    expect(before.calls.find((call) => call.requestId === 'r2')?.body.messages).toHaveLength(4);
    const drawn = stepsOf(before);
    expect(shape(drawn).slice(-2)).toEqual(['4 request:app→model', '4 error:model→app']);
    expect(arrowsOf(drawn, 'error').map((arrow) => arrow.requestId)).toEqual(['r2']);

    // Cut back to the question and the call: the result goes (the call waits again), the failed call stays recorded.
    const cut = applyEvent(before, { type: 'cutTo', count: 2, call: false });
    expect(cut.entries.map((entry) => entry.kind)).toEqual(['user', 'assistant']);
    expect(cut.calls.map((call) => [call.requestId, call.status])).toEqual([['r1', 'done'], ['r2', 'failed']]);
    const steps = stepsOf(cut);
    expect(shape(steps)).toEqual(['1 question:person→app', '1 request:app→model', '2 tool-call:model→app', '3 run:app→tool']);
    expect(arrowsOf(steps, 'error')).toEqual([]);
    expect(steps.flatMap((step) => step.arrows.map((arrow) => arrow.requestId)).filter((id) => id === 'r2')).toEqual([]);
  });
});
