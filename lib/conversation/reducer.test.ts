import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ChatCompletionChunk, ChatMessage, ChatRequest } from '@/lib/wire/chat';
import {
  applyEvent,
  declinedResult,
  fromWireMessages,
  initialConversation,
  MAX_RAW_TIMES,
  requestSizeProblem,
  nextAction,
  requestMessages,
  toWireMessages,
  unansweredCalls,
  type ConversationEvent,
  type ConversationState,
} from './reducer';
import type { Mocks } from '@/lib/mocks/mock';
import { ruleLabel } from '@/lib/mocks/rules';
import { WEATHER_RULES } from '@/lib/scenario/base';

const BODY: ChatRequest = { model: 'offline-simulator', messages: [{ role: 'user', content: 'hi' }] };
const WEATHER = '{"temperature": 22, "unit": "celsius", "description": "Sunny"}';
const MOCKS: Mocks = { get_current_weather: { kind: 'fixed', result: WEATHER } };

function run(events: ConversationEvent[], state: ConversationState = initialConversation): ConversationState {
  return events.reduce(applyEvent, state);
}

function chunk(delta: ChatCompletionChunk['choices'][0]['delta'], finish: ChatCompletionChunk['choices'][0]['finish_reason'] = null): ChatCompletionChunk {
  return { id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] };
}

/** Three parallel calls streamed the way OpenAI does: id and name first, arguments in pieces. */
function threeCalls(requestId: string): ConversationEvent[] {
  const cities = ['New York, NY', 'San Francisco, CA', 'Chicago, IL'];
  const events: ConversationEvent[] = [];
  cities.forEach((city, index) => {
    events.push({
      type: 'chunkReceived',
      requestId,
      at: 110 + index,
      chunk: chunk({ tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name: 'get_current_weather', arguments: '' } }] }),
    });
    const args = JSON.stringify({ location: city, unit: 'celsius' });
    for (const piece of [args.slice(0, 7), args.slice(7)]) {
      events.push({ type: 'chunkReceived', requestId, at: 120, chunk: chunk({ tool_calls: [{ index, function: { arguments: piece } }] }) });
    }
  });
  events.push({ type: 'chunkReceived', requestId, at: 130, chunk: chunk({}, 'tool_calls') });
  events.push({
    type: 'chunkReceived',
    requestId,
    at: 131,
    chunk: { id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [], usage: { prompt_tokens: 80, completion_tokens: 60, total_tokens: 140 } },
  });
  return events;
}

function firstTurn(): ConversationState {
  return run([
    { type: 'userSent', text: 'What is the current temperature of New York, San Francisco, and Chicago?' },
    { type: 'requestStarted', requestId: 'r1', body: BODY, at: 100 },
    ...threeCalls('r1'),
    { type: 'streamFinished', requestId: 'r1', at: 150, mocks: MOCKS },
  ]);
}

function cardKeys(state: ConversationState): string[] {
  return state.entries.flatMap((e) => (e.kind === 'assistant' ? e.toolCalls.map((c) => c.key) : []));
}

describe('the tool-calling loop', () => {
  it('asks for a call after the person sends, once per ticket', () => {
    const sent = run([{ type: 'userSent', text: 'hello' }]);
    expect(nextAction(sent)).toEqual({ type: 'call', ticket: 1 });
    const started = applyEvent(sent, { type: 'requestStarted', requestId: 'r1', body: BODY, at: 1 });
    expect(nextAction(started)).toEqual({ type: 'streaming', requestId: 'r1' });
    expect(run([{ type: 'userSent', text: '   ' }])).toBe(initialConversation);
  });

  it('assembles parallel tool calls from pieces, keyed by index, and prefills results from the mocks', () => {
    const state = firstTurn();
    const assistant = state.entries[1];
    expect(assistant.kind).toBe('assistant');
    if (assistant.kind !== 'assistant') return;
    expect(assistant.content).toBeNull();
    expect(assistant.status).toBe('done');
    expect(assistant.toolCalls.map((c) => [c.id, c.state, JSON.parse(c.arguments).location])).toEqual([
      ['call_0', 'awaiting-result', 'New York, NY'],
      ['call_1', 'awaiting-result', 'San Francisco, CA'],
      ['call_2', 'awaiting-result', 'Chicago, IL'],
    ]);
    expect(assistant.toolCalls[0].result).toBe(WEATHER);
    expect(nextAction(state)).toEqual({ type: 'await-results', remaining: 3 });
    const call = state.calls[0];
    expect(call).toMatchObject({ status: 'done', startedAt: 100, firstTokenAt: 110, finishedAt: 150, finishReason: 'tool_calls' });
    expect(call.usage?.total_tokens).toBe(140);
    expect(call.assembled?.tool_calls).toHaveLength(3);
  });

  it('starts the next call by itself only when every call of the turn is answered', () => {
    let state = firstTurn();
    const [a, b, c] = cardKeys(state);
    state = applyEvent(state, { type: 'resultEdited', callKey: b, text: '{"temperature": 18}' });
    state = applyEvent(state, { type: 'callApproved', callKey: b });
    state = applyEvent(state, { type: 'callRejected', callKey: c });
    expect(nextAction(state)).toEqual({ type: 'await-results', remaining: 1 });
    const ticket = state.ticket;
    state = applyEvent(state, { type: 'callApproved', callKey: a });
    expect(nextAction(state)).toEqual({ type: 'call', ticket: ticket + 1 });

    const messages = requestMessages(state, 'Be brief.');
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'tool', 'tool']);
    expect(messages.slice(3)).toEqual([
      { role: 'tool', tool_call_id: 'call_1', content: '{"temperature": 18}' },
      { role: 'tool', tool_call_id: 'call_2', content: declinedResult('get_current_weather') },
      { role: 'tool', tool_call_id: 'call_0', content: WEATHER },
    ]);
    // Answered cards are final.
    const again = applyEvent(state, { type: 'resultEdited', callKey: a, text: 'changed' });
    expect(again).toEqual(state);
    expect(applyEvent(state, { type: 'callRejected', callKey: a })).toBe(state);
  });

  it('streams the final answer as text after the results', () => {
    let state = firstTurn();
    for (const key of cardKeys(state)) state = applyEvent(state, { type: 'callApproved', callKey: key });
    state = run(
      [
        { type: 'requestStarted', requestId: 'r2', body: BODY, at: 200 },
        { type: 'chunkReceived', requestId: 'r2', at: 210, chunk: chunk({ role: 'assistant', content: 'It is ' }) },
        { type: 'chunkReceived', requestId: 'r2', at: 211, chunk: chunk({ content: '22 °C.' }, 'stop') },
        { type: 'streamFinished', requestId: 'r2', at: 220, mocks: MOCKS },
      ],
      state,
    );
    const last = state.entries.at(-1);
    expect(last).toMatchObject({ kind: 'assistant', content: 'It is 22 °C.', status: 'done', finishReason: 'stop' });
    expect(nextAction(state)).toEqual({ type: 'idle' });
    expect(state.calls.map((c) => c.requestId)).toEqual(['r1', 'r2']);
  });

  it('names the missing call id and a missing first index safely', () => {
    const state = run([
      { type: 'userSent', text: 'x' },
      { type: 'requestStarted', requestId: 'r9', body: BODY, at: 0 },
      { type: 'chunkReceived', requestId: 'r9', at: 1, chunk: chunk({ tool_calls: [{ index: 1, function: { name: 'f', arguments: '{}' } }] }) },
      { type: 'streamFinished', requestId: 'r9', at: 2, mocks: {} },
    ]);
    const card = unansweredCalls(state)[0];
    expect(card).toMatchObject({ id: 'call_r9_1', name: 'f', result: '' });
  });

  it('ignores chunks from a call that is no longer active', () => {
    const state = firstTurn();
    expect(applyEvent(state, { type: 'chunkReceived', requestId: 'r1', at: 1, chunk: chunk({ content: 'late' }) })).toBe(state);
    expect(applyEvent(state, { type: 'rawReceived', requestId: 'r1', text: 'late', at: 0 })).toBe(state);
  });
});

describe('what the inspector records of a call', () => {
  const started = run([
    { type: 'userSent', text: 'hello' },
    { type: 'requestStarted', requestId: 'r1', body: BODY, at: 100 },
  ]);

  it('keeps the server\'s status and headers, and when each piece of the raw stream arrived', () => {
    const state = run(
      [
        { type: 'responseReceived', requestId: 'r1', http: { status: 200, headers: { 'content-type': 'text/event-stream' } } },
        { type: 'rawReceived', requestId: 'r1', text: 'data: a\n\n', at: 130 },
        { type: 'rawReceived', requestId: 'r1', text: 'data: b\n\n', at: 175 },
      ],
      started,
    );
    expect(state.calls[0].http).toEqual({ status: 200, headers: { 'content-type': 'text/event-stream' } });
    expect(state.calls[0].rawTimes).toEqual([
      [0, 30],
      [9, 75],
    ]);
  });

  it('keeps at most MAX_RAW_TIMES arrival times, the text whole', () => {
    const events: ConversationEvent[] = Array.from({ length: MAX_RAW_TIMES + 5 }, (_, i) => ({ type: 'rawReceived', requestId: 'r1', text: 'x', at: 100 + i }));
    const state = run(events, started);
    expect(state.calls[0].rawTimes).toHaveLength(MAX_RAW_TIMES);
    expect(state.calls[0].raw).toHaveLength(MAX_RAW_TIMES + 5);
  });

  it('ignores a response for a call that is no longer active', () => {
    const done = run([{ type: 'streamFinished', requestId: 'r1', at: 200, mocks: {} }], started);
    expect(applyEvent(done, { type: 'responseReceived', requestId: 'r1', http: { status: 200, headers: {} } })).toBe(done);
  });
});

describe('failures', () => {
  const started = run([
    { type: 'userSent', text: 'hello' },
    { type: 'requestStarted', requestId: 'r1', body: BODY, at: 0 },
  ]);

  it('an HTTP error drops the empty reply, keeps the conversation and offers a retry with a new ticket', () => {
    const failed = applyEvent(started, {
      type: 'callFailed',
      requestId: 'r1',
      at: 5,
      error: { status: 403, kind: 'http', message: "You've run out of credits" },
    });
    expect(failed.entries.map((e) => e.kind)).toEqual(['user']);
    expect(failed.failure?.error.status).toBe(403);
    expect(failed.calls[0]).toMatchObject({ status: 'failed', finishedAt: 5 });
    expect(nextAction(failed)).toEqual({ type: 'failed' });
    const retried = applyEvent(failed, { type: 'retryRequested' });
    expect(retried.failure).toBeNull();
    expect(nextAction(retried)).toEqual({ type: 'call', ticket: failed.ticket + 1 });
  });

  it('a cut-off stream keeps the partial text, marked incomplete; its tool calls cannot be answered', () => {
    const partial = run(
      [
        { type: 'chunkReceived', requestId: 'r1', at: 1, chunk: chunk({ content: 'Half an ans' }) },
        { type: 'chunkReceived', requestId: 'r1', at: 2, chunk: chunk({ tool_calls: [{ index: 0, id: 'call_x', function: { name: 'f', arguments: '{"a' } }] }) },
        { type: 'callFailed', requestId: 'r1', at: 3, error: { status: null, kind: 'cut', message: 'cut off' } },
      ],
      started,
    );
    const entry = partial.entries[1];
    expect(entry).toMatchObject({ kind: 'assistant', content: 'Half an ans', status: 'incomplete' });
    expect(unansweredCalls(partial)).toEqual([]);
    // Sent again as plain text, without the unfinished call.
    expect(toWireMessages(partial)).toEqual([
      { role: 'user', content: 'hello' },
      { role: 'assistant', content: 'Half an ans' },
    ]);
    const retried = applyEvent(partial, { type: 'retryRequested' });
    expect(retried.entries.map((e) => e.kind)).toEqual(['user']);
  });

  it('Stop marks the reply stopped', () => {
    const stopped = run(
      [
        { type: 'chunkReceived', requestId: 'r1', at: 1, chunk: chunk({ content: 'Hel' }) },
        { type: 'callFailed', requestId: 'r1', at: 2, error: { status: null, kind: 'aborted', message: 'Stopped' } },
      ],
      started,
    );
    expect(stopped.entries[1]).toMatchObject({ status: 'stopped' });
    expect(stopped.calls[0].status).toBe('stopped');
  });

  it('a new message clears the failure', () => {
    const failed = applyEvent(started, { type: 'callFailed', requestId: 'r1', at: 1, error: { status: 500, kind: 'http', message: 'x' } });
    const sent = applyEvent(failed, { type: 'userSent', text: 'again' });
    expect(sent.failure).toBeNull();
    expect(nextAction(sent).type).toBe('call');
  });

  it('resets', () => {
    const reset = applyEvent(firstTurn(), { type: 'conversationReset' });
    expect(reset.entries).toEqual([]);
    expect(reset.calls).toEqual([]);
    expect(nextAction(reset)).toEqual({ type: 'idle' });
  });
});

describe('scenario messages', () => {
  it('restores cards with their results and state', () => {
    let state = firstTurn();
    const [a, b, c] = cardKeys(state);
    state = run(
      [
        { type: 'callApproved', callKey: a },
        { type: 'callRejected', callKey: b },
      ],
      state,
    );
    void c;
    const wire = toWireMessages(state);
    const restored = fromWireMessages(wire, MOCKS);
    expect(toWireMessages(restored)).toEqual(wire);
    const cards = restored.entries[1].kind === 'assistant' ? restored.entries[1].toolCalls : [];
    expect(cards.map((card) => card.state)).toEqual(['approved', 'rejected', 'awaiting-result']);
    expect(cards[2].result).toBe(WEATHER);
    expect(nextAction(restored)).toEqual({ type: 'await-results', remaining: 1 });
    // Answering the restored call continues the loop.
    const answered = applyEvent(restored, { type: 'callApproved', callKey: cards[2].key });
    expect(nextAction(answered).type).toBe('call');
  });

  const toolCall = fc.record({
    id: fc.stringMatching(/^call_[a-z0-9]{1,8}$/),
    type: fc.constant('function' as const),
    function: fc.record({ name: fc.stringMatching(/^[a-z_]{1,10}$/), arguments: fc.string() }),
  });
  const message: fc.Arbitrary<ChatMessage> = fc.oneof(
    fc.record({ role: fc.constant('user' as const), content: fc.string() }),
    fc.record({ role: fc.constant('assistant' as const), content: fc.option(fc.string(), { nil: null }) }),
    fc.record({
      role: fc.constant('assistant' as const),
      content: fc.option(fc.string(), { nil: null }),
      tool_calls: fc.array(toolCall, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ role: fc.constant('tool' as const), tool_call_id: fc.stringMatching(/^call_[a-z0-9]{1,8}$/), content: fc.string() }),
    fc.record({ role: fc.constant('developer' as const), content: fc.string() }),
  );

  it('converts any message list to state and back without loss', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 12 }), (messages) => {
        expect(toWireMessages(fromWireMessages(messages))).toEqual(messages);
      }),
    );
  });

  it('the request carries the system prompt only when there is one', () => {
    const state = run([{ type: 'userSent', text: 'hi' }]);
    expect(requestMessages(state, '  ')).toEqual([{ role: 'user', content: 'hi' }]);
    expect(requestMessages(state, 'sys')[0]).toEqual({ role: 'system', content: 'sys' });
  });
});

describe('requestSizeProblem', () => {
  it('says in words when the next call would exceed the per-request message limit', () => {
    const wire = (n: number): ChatMessage[] => Array.from({ length: n }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `m${i}` }) as ChatMessage);
    const load = (n: number) => fromWireMessages(wire(n));
    expect(requestSizeProblem(load(254), 'system')).toBeNull();
    expect(requestSizeProblem(load(300), 'system')).toMatch(/302 messages; one call takes at most 256/);
  });
});

describe('mocks that answer per call', () => {
  const finishWith = (mocks: Mocks) =>
    run([
      { type: 'userSent', text: 'Weather?' },
      { type: 'requestStarted', requestId: 'r1', body: BODY, at: 100 },
      ...threeCalls('r1'),
      { type: 'streamFinished', requestId: 'r1', at: 150, mocks },
    ]);
  const cardsOf = (state: ConversationState) => state.entries.flatMap((e) => (e.kind === 'assistant' ? e.toolCalls : []));

  it('rules answer each call by its arguments, and the card knows which rule did', () => {
    const cards = cardsOf(finishWith({ get_current_weather: WEATHER_RULES }));
    expect(cards.map((card) => card.result)).toEqual(WEATHER_RULES.rules.map((rule) => rule.result));
    expect(cards.map((card) => card.mock)).toEqual(WEATHER_RULES.rules.map((rule, index) => ({ kind: 'rule', index, label: ruleLabel(rule.when), result: rule.result })));
  });

  it('"ask me" offers nothing', () => {
    expect(cardsOf(finishWith({ get_current_weather: { kind: 'ask' } })).map((card) => [card.result, card.mock])).toEqual(Array(3).fill(['', null]));
  });

  it('a JavaScript mock runs after the call: its result arrives as an event, unless the person typed one meanwhile', () => {
    let state = finishWith({ get_current_weather: { kind: 'javascript', source: '() => 1' } });
    const [first, second, third] = cardsOf(state);
    expect(first).toMatchObject({ result: '', mock: { kind: 'javascript', status: 'running' }, state: 'awaiting-result' });
    state = run(
      [
        { type: 'resultEdited', callKey: second.key, text: 'typed' },
        { type: 'mockAnswered', callKey: first.key, run: { ok: true, result: '{"t": 1}' } },
        { type: 'mockAnswered', callKey: second.key, run: { ok: true, result: '{"t": 2}' } },
        { type: 'mockAnswered', callKey: third.key, run: { ok: false, error: 'The JavaScript mock was stopped after 1 s.' } },
      ],
      state,
    );
    expect(cardsOf(state).map((card) => [card.result, card.mock])).toEqual([
      ['{"t": 1}', { kind: 'javascript', status: 'done', result: '{"t": 1}' }],
      ['typed', { kind: 'javascript', status: 'done', result: '{"t": 2}' }],
      ['', { kind: 'javascript', status: 'failed', error: 'The JavaScript mock was stopped after 1 s.' }],
    ]);
    // A run that ends after the call was answered, or a second answer, changes nothing.
    const approved = applyEvent(state, { type: 'callApproved', callKey: third.key });
    expect(applyEvent(approved, { type: 'mockAnswered', callKey: third.key, run: { ok: true, result: 'late' } })).toBe(approved);
    expect(applyEvent(state, { type: 'mockAnswered', callKey: first.key, run: { ok: true, result: 'again' } })).toBe(state);
  });
});
