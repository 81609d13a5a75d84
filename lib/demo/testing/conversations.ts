/**
 * Conversations for the demo's tests (lib/demo, components/presenter), built with the reducer's own
 * events: the weather question, its calls answered by the New York rule, the answer, failures.
 */
import type { ChatCompletionChunk, Tool } from '@/lib/wire/chat';
import type { Mocks } from '@/lib/mocks/mock';
import { applyEvent, initialConversation, requestMessages, unansweredCalls, type ConversationEvent, type ConversationState } from '@/lib/conversation/reducer';
import { WEATHER_RULES, WEATHER_TOOL } from '@/lib/scenario/base';
import { demoSteps } from '../steps';
import type { DemoInput, DemoStep } from '../types';

export const MODEL = 'gpt-4o-mini';
export const TOOLS: Tool[] = [WEATHER_TOOL];
export const MOCKS: Mocks = { get_current_weather: WEATHER_RULES };
export const QUESTION = 'What is the weather in New York?';
export const ANSWER = 'It is 22 °C and sunny in New York.';
export const SYSTEM = 'Be brief.';

export const run = (state: ConversationState, ...events: ConversationEvent[]) => events.reduce(applyEvent, state);
export const chunk = (delta: ChatCompletionChunk['choices'][0]['delta'], finish: ChatCompletionChunk['choices'][0]['finish_reason'] = null): ChatCompletionChunk => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 0,
  model: MODEL,
  choices: [{ index: 0, delta, finish_reason: finish }],
});
export const asked = (text = QUESTION, state = initialConversation) => applyEvent(state, { type: 'userSent', text });
/** The due model call starts, with the body the page would send. */
export const started = (state: ConversationState, requestId: string, tools = TOOLS) =>
  applyEvent(state, { type: 'requestStarted', requestId, body: { model: MODEL, messages: requestMessages(state, SYSTEM), tools }, at: 0 });
export const answered = (state: ConversationState, requestId: string, text: string) =>
  run(started(state, requestId), { type: 'chunkReceived', requestId, at: 1, chunk: chunk({ content: text }, 'stop') }, { type: 'streamFinished', requestId, at: 2, mocks: MOCKS });
/** The model answers with one call per arguments text (to get_current_weather unless named). */
export function calledTools(state: ConversationState, requestId: string, calls: Array<string | [string, string]>, mocks = MOCKS) {
  const events: ConversationEvent[] = calls.map((call, index) => {
    const [name, args] = typeof call === 'string' ? ['get_current_weather', call] : call;
    return { type: 'chunkReceived', requestId, at: 1, chunk: chunk({ tool_calls: [{ index, id: `${requestId}_${index}`, type: 'function', function: { name, arguments: args } }] }) };
  });
  return run(started(state, requestId), ...events, { type: 'chunkReceived', requestId, at: 1, chunk: chunk({}, 'tool_calls') }, { type: 'streamFinished', requestId, at: 2, mocks });
}
/** Arguments asking for the weather in each place. */
export const locations = (...places: string[]) => places.map((place) => `{"location": "${place}"}`);
export const failed = (state: ConversationState, requestId: string, message = 'Upstream overloaded', status: number | null = 503) =>
  applyEvent(started(state, requestId), { type: 'callFailed', requestId, at: 1, error: { status, kind: status ? 'http' : 'network', message } });
export const approveAll = (state: ConversationState) => unansweredCalls(state).reduce((s, card) => applyEvent(s, { type: 'callApproved', callKey: card.key }), state);
export const cards = (state: ConversationState) => state.entries.flatMap((entry) => (entry.kind === 'assistant' ? entry.toolCalls : []));

/** The demo's steps of a conversation (arguments unchecked unless `change` brings a check). */
export function stepsOf(state: ConversationState, change: Partial<DemoInput> = {}): DemoStep[] {
  return demoSteps({
    entries: state.entries,
    calls: state.calls,
    failure: state.failure,
    pendingCall: state.pendingCall,
    model: MODEL,
    system: SYSTEM,
    tools: TOOLS,
    checkArguments: () => null,
    ...change,
  });
}

/** The question and one call to get_current_weather for New York, not yet answered. */
export const toolCalled = () => calledTools(asked(), 'r1', locations('New York'));
/** The question, one call answered by the New York rule, and the answer. */
export const weatherLoop = () => answered(approveAll(toolCalled()), 'r2', ANSWER);
