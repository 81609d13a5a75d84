import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk, ChatRequest } from '@/lib/wire/chat';
import type { McpCallResult } from '@/lib/mcp/types';
import type { Mocks } from '@/lib/mocks/mock';
import { applyEvent, initialConversation, toWireMessages, type ConversationEvent, type ConversationState, type ToolCallCard } from './reducer';

const BODY: ChatRequest = { model: 'offline-simulator', messages: [{ role: 'user', content: 'hi' }] };
const MOCKS: Mocks = { echo: { kind: 'fixed', result: '{"mocked": true}' } };
const RESULT: McpCallResult = { content: [{ type: 'text', text: 'Echo: hello' }], isError: false, durationMs: 7 };

function run(events: ConversationEvent[], state: ConversationState = initialConversation): ConversationState {
  return events.reduce(applyEvent, state);
}

function chunk(delta: ChatCompletionChunk['choices'][0]['delta'], finish: ChatCompletionChunk['choices'][0]['finish_reason'] = null): ChatCompletionChunk {
  return { id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] };
}

/** The model's call of echo, streamed; finished (awaiting its result, the mock offered) unless `streaming`. */
function echoCalled({ streaming = false, calls = 1 } = {}): ConversationState {
  const events: ConversationEvent[] = [
    { type: 'userSent', text: 'Echo hello' },
    { type: 'requestStarted', requestId: 'r1', body: BODY, at: 1 },
  ];
  for (let index = 0; index < calls; index += 1) {
    events.push({ type: 'chunkReceived', requestId: 'r1', at: 2, chunk: chunk({ tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name: 'echo', arguments: '{"message":' } }] }) });
    events.push({ type: 'chunkReceived', requestId: 'r1', at: 3, chunk: chunk({ tool_calls: [{ index, function: { arguments: '"hello"}' } }] }) });
  }
  events.push({ type: 'chunkReceived', requestId: 'r1', at: 4, chunk: chunk({}, 'tool_calls') });
  if (!streaming) events.push({ type: 'streamFinished', requestId: 'r1', at: 5, mocks: MOCKS });
  return run(events);
}

function cards(state: ConversationState): ToolCallCard[] {
  return state.entries.flatMap((entry) => (entry.kind === 'assistant' ? entry.toolCalls : []));
}
const card = (state: ConversationState, index = 0) => cards(state)[index];

const started = (callKey = 'e1.0', server = 'everything'): ConversationEvent => ({ type: 'serverRunStarted', callKey, server });
const finished = (result: McpCallResult = RESULT, callKey = 'e1.0'): ConversationEvent => ({ type: 'serverRunFinished', callKey, result });
const failed = (error: string, cancelled = false, callKey = 'e1.0'): ConversationEvent => ({ type: 'serverRunFailed', callKey, error, cancelled });
const progress = (value: number, callKey = 'e1.0'): ConversationEvent => ({ type: 'serverRunProgress', callKey, progress: { progress: value, total: 3 } });

describe('a call run on its MCP server, as conversation events', () => {
  it('starts for a call that awaits its result: the card says it runs on the server', () => {
    const before = echoCalled();
    expect(card(before)).toMatchObject({ key: 'e1.0', state: 'awaiting-result', result: '{"mocked": true}' });
    expect(card(before).run).toBeUndefined();
    const after = applyEvent(before, started());
    expect(card(after).run).toEqual({ server: 'everything', status: 'running' });
    expect(card(after).state).toBe('awaiting-result');
  });

  it('does not start for a call still streaming, approved or rejected', () => {
    const streaming = echoCalled({ streaming: true });
    expect(card(streaming).state).toBe('streaming');
    expect(applyEvent(streaming, started())).toBe(streaming);
    const approved = applyEvent(echoCalled(), { type: 'callApproved', callKey: 'e1.0' });
    expect(card(approved).state).toBe('approved');
    expect(applyEvent(approved, started())).toBe(approved);
    const rejected = applyEvent(echoCalled(), { type: 'callRejected', callKey: 'e1.0' });
    expect(applyEvent(rejected, started())).toBe(rejected);
  });

  it('is one run when started twice', () => {
    const once = run([started(), progress(1)], echoCalled());
    const twice = applyEvent(once, started('e1.0', 'other'));
    expect(twice).toBe(once);
    expect(card(twice).run).toEqual({ server: 'everything', status: 'running', progress: { progress: 1, total: 3 } });
  });

  it('takes progress only while it runs, the latest replacing the one before', () => {
    const idle = echoCalled();
    expect(applyEvent(idle, progress(1))).toBe(idle);
    const running = run([started(), progress(1), progress(2)], idle);
    expect(card(running).run?.progress).toEqual({ progress: 2, total: 3 });
    const done = applyEvent(running, finished());
    expect(applyEvent(done, progress(3))).toBe(done);
  });

  it('puts the result’s text into the card’s Result, drops the mock, and is done', () => {
    const result: McpCallResult = { ...RESULT, structuredContent: { echoed: 'hello' } };
    const done = run([started(), progress(1), finished(result)], echoCalled());
    const c = card(done);
    expect(c.result).toBe('Echo: hello\n{"echoed":"hello"}');
    expect(c.mock).toBeNull();
    expect(c.run).toEqual({ server: 'everything', status: 'done', result });
    // The person still approves (or edits) it: the call waits for its result.
    expect(c.state).toBe('awaiting-result');
  });

  it('sends the run’s result to the model once approved', () => {
    const approved = run([started(), finished(), { type: 'callApproved', callKey: 'e1.0' }], echoCalled());
    expect(toWireMessages(approved).at(-1)).toEqual({ role: 'tool', tool_call_id: 'call_0', content: 'Echo: hello' });
  });

  it('is a failed run when the tool reports isError, its text in the Result all the same', () => {
    const error: McpCallResult = { content: [{ type: 'text', text: 'Error: unknown resource' }], isError: true, durationMs: 2 };
    const c = card(run([started(), finished(error)], echoCalled()));
    expect(c.run).toEqual({ server: 'everything', status: 'failed', result: error });
    expect(c.result).toBe('Error: unknown resource');
    expect(c.mock).toBeNull();
  });

  it('keeps the Result (the mock’s) when the run fails, saying why', () => {
    const c = card(run([started(), failed('The server crashed during the call.')], echoCalled()));
    expect(c.run).toEqual({ server: 'everything', status: 'failed', error: 'The server crashed during the call.' });
    expect(c.result).toBe('{"mocked": true}');
    expect(c.mock).toMatchObject({ kind: 'fixed' });
  });

  it('keeps the Result when the run is cancelled, as cancelled', () => {
    const edited = run([{ type: 'resultEdited', callKey: 'e1.0', text: 'my own answer' }, started()], echoCalled());
    const c = card(applyEvent(edited, failed('Cancelled.', true)));
    expect(c.run).toEqual({ server: 'everything', status: 'cancelled', error: 'Cancelled.' });
    expect(c.result).toBe('my own answer');
  });

  it('ends once: a result or failure after the run ended changes nothing', () => {
    const done = run([started(), finished()], echoCalled());
    expect(applyEvent(done, failed('late'))).toBe(done);
    expect(applyEvent(done, finished({ ...RESULT, content: [{ type: 'text', text: 'again' }] }))).toBe(done);
    const cancelled = run([started(), failed('Cancelled.', true)], echoCalled());
    expect(applyEvent(cancelled, finished())).toBe(cancelled);
  });

  it('can run again after it ended', () => {
    const again = run([started(), failed('timeout'), started('e1.0', 'everything')], echoCalled());
    expect(card(again).run).toEqual({ server: 'everything', status: 'running' });
    expect(card(run([finished()], again)).run?.status).toBe('done');
  });

  it('changes nothing for events of keys no card has, nor finished/failed without a start', () => {
    const state = echoCalled();
    for (const event of [started('e9.0'), progress(1, 'e1.7'), finished(RESULT, 'nope'), failed('x', false, 'e0.0'), finished(), failed('x')]) {
      expect(applyEvent(state, event)).toBe(state);
    }
  });

  it('changes only the card it is for, among parallel calls', () => {
    const two = echoCalled({ calls: 2 });
    expect(cards(two).map((c) => c.key)).toEqual(['e1.0', 'e1.1']);
    const after = run([started('e1.1'), finished(RESULT, 'e1.1')], two);
    expect(card(after, 0)).toBe(card(two, 0));
    expect(card(after, 1)).toMatchObject({ result: 'Echo: hello', run: { status: 'done' } });
  });
});
