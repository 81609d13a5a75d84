import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk, Tool } from '@/lib/wire/chat';
import type { Mocks } from '@/lib/mocks/mock';
import { applyEvent, initialConversation, requestMessages, unansweredCalls, type ConversationEvent, type ConversationState } from '@/lib/conversation/reducer';
import { WEATHER_RULES, WEATHER_TOOL } from '@/lib/scenario/base';
import { NO_RAIL, railAt } from './rail';
import { demoSteps } from './steps';
import type { DemoStep } from './types';

// Conversations built with the reducer's own events, as in steps.test.ts.
const MODEL = 'gpt-4o-mini';
const TOOLS: Tool[] = [WEATHER_TOOL];
const MOCKS: Mocks = { get_current_weather: WEATHER_RULES };
const SYSTEM = 'Be brief.';

const run = (state: ConversationState, ...events: ConversationEvent[]) => events.reduce(applyEvent, state);
const chunk = (delta: ChatCompletionChunk['choices'][0]['delta'], finish: ChatCompletionChunk['choices'][0]['finish_reason'] = null): ChatCompletionChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 0,
  model: MODEL,
  choices: [{ index: 0, delta, finish_reason: finish }],
});
const asked = (text = 'What is the weather in New York?', state = initialConversation) => applyEvent(state, { type: 'userSent', text });
const started = (state: ConversationState, requestId: string) =>
  applyEvent(state, { type: 'requestStarted', requestId, body: { model: MODEL, messages: requestMessages(state, SYSTEM), tools: TOOLS }, at: 0 });
const answered = (state: ConversationState, requestId: string, text: string) =>
  run(started(state, requestId), { type: 'chunkReceived', requestId, at: 1, chunk: chunk({ content: text }, 'stop') }, { type: 'streamFinished', requestId, at: 2, mocks: MOCKS });
const calledTool = (state: ConversationState, requestId: string, args: string) =>
  run(
    started(state, requestId),
    { type: 'chunkReceived', requestId, at: 1, chunk: chunk({ tool_calls: [{ index: 0, id: `${requestId}_0`, type: 'function', function: { name: 'get_current_weather', arguments: args } }] }) },
    { type: 'chunkReceived', requestId, at: 1, chunk: chunk({}, 'tool_calls') },
    { type: 'streamFinished', requestId, at: 2, mocks: MOCKS },
  );
const approveAll = (state: ConversationState) => unansweredCalls(state).reduce((s, card) => applyEvent(s, { type: 'callApproved', callKey: card.key }), state);

const stepsOf = (state: ConversationState, tools = TOOLS): DemoStep[] =>
  demoSteps({ entries: state.entries, calls: state.calls, failure: state.failure, pendingCall: state.pendingCall, model: MODEL, system: SYSTEM, tools, checkArguments: () => null });

/** Question, a call answered by the New York rule, the answer: steps at rails 1 1 2 3 3 4 4. */
const toolCalled = () => calledTool(asked(), 'r1', '{"location": "New York"}');
const weatherLoop = () => answered(approveAll(toolCalled()), 'r2', 'It is 22 °C and sunny in New York.');

describe('railAt', () => {
  it('is NO_RAIL with no steps, and before the first one (at = -1)', () => {
    expect(railAt([])).toEqual(NO_RAIL);
    expect(NO_RAIL).toEqual({ turn: 0, current: null, reached: [], answered: false, skippedTools: false, waiting: false });
    expect(railAt(stepsOf(weatherLoop()), -1)).toEqual(NO_RAIL);
  });

  it('mid-turn, lights each of the four steps in turn and keeps the ones passed', () => {
    // 1: the question asked, the call due.
    expect(railAt(stepsOf(asked()))).toEqual({ turn: 1, current: 1, reached: [1], answered: false, skippedTools: false, waiting: true });
    // 2: the model asked for the tool, still streaming its arguments.
    const streaming = run(started(asked(), 'r1'), {
      type: 'chunkReceived',
      requestId: 'r1',
      at: 1,
      chunk: chunk({ tool_calls: [{ index: 0, id: 'a', function: { name: 'get_current_weather', arguments: '{"loc' } }] }),
    });
    expect(railAt(stepsOf(streaming))).toEqual({ turn: 1, current: 2, reached: [1, 2], answered: false, skippedTools: false, waiting: true });
    // 3: the call waits for approval.
    expect(railAt(stepsOf(toolCalled()))).toEqual({ turn: 1, current: 3, reached: [1, 2, 3], answered: false, skippedTools: false, waiting: true });
    // 3 again once the result came back (not waiting now), then 4: the model called again, its reply due.
    const approved = approveAll(toolCalled());
    const steps = stepsOf(approved);
    expect(railAt(steps, steps.length - 2)).toEqual({ turn: 1, current: 3, reached: [1, 2, 3], answered: false, skippedTools: false, waiting: false });
    expect(railAt(steps)).toEqual({ turn: 1, current: 4, reached: [1, 2, 3, 4], answered: false, skippedTools: false, waiting: true });
  });

  it('a direct answer without a tool: answered at step 1, steps 2 and 3 skipped', () => {
    const steps = stepsOf(answered(asked('Hello!'), 'r1', 'Hi there.'), []);
    expect(railAt(steps)).toEqual({ turn: 1, current: 1, reached: [1], answered: true, skippedTools: true, waiting: false });
  });

  it('after the results, the answer: step 4, answered, nothing skipped', () => {
    expect(railAt(stepsOf(weatherLoop()))).toEqual({ turn: 1, current: 4, reached: [1, 2, 3, 4], answered: true, skippedTools: false, waiting: false });
  });

  it('a second turn starts again: reached holds only its own steps', () => {
    const second = asked('And in Chicago?', weatherLoop());
    expect(railAt(stepsOf(second))).toEqual({ turn: 2, current: 1, reached: [1], answered: false, skippedTools: false, waiting: true });
    // Answered directly, turn 2 skipped the tools even though turn 1 used them.
    const steps = stepsOf(answered(second, 'r3', '18 °C.'));
    expect(railAt(steps)).toEqual({ turn: 2, current: 1, reached: [1], answered: true, skippedTools: true, waiting: false });
    // Stepping back into turn 1 shows turn 1 as it ended.
    const endOfFirst = steps.filter((step) => step.turn === 1).length - 1;
    expect(railAt(steps, endOfFirst)).toEqual({ turn: 1, current: 4, reached: [1, 2, 3, 4], answered: true, skippedTools: false, waiting: false });
  });

  it('waits when the step shown has an arrow still pending, not when an earlier one had', () => {
    const steps = stepsOf(toolCalled());
    expect(steps.at(-1)?.arrows.map((arrow) => arrow.status)).toEqual(['pending']);
    expect(railAt(steps).waiting).toBe(true);
    expect(railAt(steps, steps.length - 2).waiting).toBe(false);
    // A reply still streaming its text waits too.
    const streaming = run(started(asked(), 'r1'), { type: 'chunkReceived', requestId: 'r1', at: 1, chunk: chunk({ content: 'It is' }) });
    expect(railAt(stepsOf(streaming))).toMatchObject({ current: 1, waiting: true, answered: false });
  });

  it('waits while one of two parallel calls is answered and the other is not, though the step shown is the first result', () => {
    const requestId = 'r1';
    const two = run(
      started(asked(), requestId),
      ...['New York', 'Chicago'].map((city, index): ConversationEvent => ({
        type: 'chunkReceived',
        requestId,
        at: 1,
        chunk: chunk({ tool_calls: [{ index, id: `${requestId}_${index}`, type: 'function', function: { name: 'get_current_weather', arguments: JSON.stringify({ location: city }) } }] }),
      })),
      { type: 'chunkReceived', requestId, at: 1, chunk: chunk({}, 'tool_calls') },
      { type: 'streamFinished', requestId, at: 2, mocks: MOCKS },
    );
    const one = applyEvent(two, { type: 'callApproved', callKey: unansweredCalls(two)[0].key });
    const steps = stepsOf(one);
    expect(steps.at(-1)?.arrows.map((arrow) => arrow.kind)).toEqual(['result']);
    expect(railAt(steps)).toMatchObject({ current: 3, waiting: true });
    expect(railAt(stepsOf(approveAll(one)))).toMatchObject({ waiting: true, current: 4 });
  });

  it('at a step before the end (stepping back): only the steps up to it count', () => {
    const steps = stepsOf(weatherLoop());
    expect(steps.map((step) => step.rail)).toEqual([1, 1, 2, 3, 3, 4, 4]);
    expect(railAt(steps, 0)).toEqual({ turn: 1, current: 1, reached: [1], answered: false, skippedTools: false, waiting: false });
    expect(railAt(steps, 2)).toEqual({ turn: 1, current: 2, reached: [1, 2], answered: false, skippedTools: false, waiting: false });
    expect(railAt(steps, 5)).toEqual({ turn: 1, current: 4, reached: [1, 2, 3, 4], answered: false, skippedTools: false, waiting: false });
    expect(railAt(steps, steps.length - 1)).toEqual(railAt(steps));
  });
});
