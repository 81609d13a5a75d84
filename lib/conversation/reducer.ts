/**
 * The conversation as a pure reducer: `applyEvent(state, event)` with named events, no React. The page
 * dispatches what happened (the person sent, a chunk arrived, a call was approved…) and reads the
 * selectors: `requestMessages` for the next request body, `nextAction` for when the next model call
 * starts by itself, `toWireMessages`/`fromWireMessages` for the scenario (lossless both ways).
 *
 * The person's own changes — edit, delete, run from here, regenerate and its alternative answers,
 * fork, undo — are events too, handled in edits.ts (alternatives: branches.ts).
 *
 * Tool calls have an explicit state: streaming → awaiting-result → approved | rejected, or
 * incomplete when the stream that carried them failed or was stopped. Streamed arguments accumulate as
 * strings keyed by index and are parsed only by whoever reads a finished call.
 */
import type { ChatCompletionChunk, ChatRequest } from '@/lib/wire/chat';
import type { ChatError } from '@/lib/wire/chat-client';
import {
  assistantMessage,
  declinedResult,
  initialConversation,
  MAX_RAW_TIMES,
  type AssembledMessage,
  type HttpResponseInfo,
  type AssistantEntry,
  type Entry,
  type ConversationState,
  type ModelCall,
  type ToolCallCard,
} from './state';
import { own } from '@/lib/util/json';
import { answerText, mockAnswer, type Mocks } from '@/lib/mocks/mock';
import type { MockRun } from '@/lib/mocks/javascript-runner';
import { applyEdit, isEditEvent, type EditEvent } from './edits';
import { applyServerRun, isServerRunEvent, runEndedByAnswer, type ServerRunEvent } from './server-runs';

export * from './state';
export * from './edits';

export type ConversationEvent =
  | { type: 'userSent'; text: string }
  | { type: 'requestStarted'; requestId: string; body: ChatRequest; at: number }
  | { type: 'responseReceived'; requestId: string; http: HttpResponseInfo }
  | { type: 'rawReceived'; requestId: string; text: string; at: number }
  | { type: 'chunkReceived'; requestId: string; chunk: ChatCompletionChunk; at: number }
  | { type: 'streamFinished'; requestId: string; at: number; mocks: Readonly<Mocks> }
  | { type: 'callFailed'; requestId: string; error: ChatError; at: number }
  | { type: 'resultEdited'; callKey: string; text: string }
  /** A JavaScript mock's run for a call ended (lib/mocks/javascript-runner.ts). */
  | { type: 'mockAnswered'; callKey: string; run: MockRun }
  | { type: 'callApproved'; callKey: string }
  | { type: 'callRejected'; callKey: string }
  | { type: 'retryRequested' }
  | { type: 'conversationReset' }
  /** The person's edits: edit, delete, run from here, regenerate, alternatives, fork, undo (edits.ts). */
  | EditEvent
  /** A call run on its MCP server (server-runs.ts). */
  | ServerRunEvent;

export function applyEvent(state: ConversationState, event: ConversationEvent): ConversationState {
  if (isEditEvent(event)) return applyEdit(state, event);
  if (isServerRunEvent(event)) return applyServerRun(state, event);
  switch (event.type) {
    case 'userSent': {
      if (!event.text.trim() || state.activeRequestId) return state;
      const entry: Entry = { kind: 'user', key: `e${state.seq}`, content: event.text };
      return { ...state, entries: [...state.entries, entry], seq: state.seq + 1, failure: null, ...pending(state) };
    }
    case 'requestStarted': {
      if (state.activeRequestId) return state;
      const entry: AssistantEntry = {
        kind: 'assistant',
        key: `e${state.seq}`,
        content: null,
        refusal: null,
        toolCalls: [],
        status: 'streaming',
        requestId: event.requestId,
        finishReason: null,
      };
      const call: ModelCall = {
        requestId: event.requestId,
        body: event.body,
        startedAt: event.at,
        firstTokenAt: null,
        finishedAt: null,
        raw: '',
        rawDroppedChars: null,
        rawTimes: [],
        http: null,
        status: 'streaming',
        usage: null,
        error: null,
        finishReason: null,
        assembled: null,
      };
      return {
        ...state,
        entries: [...state.entries, entry],
        calls: [...state.calls, call],
        seq: state.seq + 1,
        activeRequestId: event.requestId,
        failure: null,
        pendingCall: false,
      };
    }
    case 'responseReceived':
      if (event.requestId !== state.activeRequestId) return state;
      return updateCall(state, event.requestId, (call) => ({ ...call, http: event.http }));
    case 'rawReceived':
      if (event.requestId !== state.activeRequestId) return state;
      return updateCall(state, event.requestId, (call) => ({
        ...call,
        raw: call.raw + event.text,
        rawTimes: call.rawTimes.length < MAX_RAW_TIMES ? [...call.rawTimes, [call.raw.length, event.at - call.startedAt] as const] : call.rawTimes,
      }));
    case 'chunkReceived':
      return receiveChunk(state, event.requestId, event.chunk, event.at);
    case 'streamFinished': {
      if (event.requestId !== state.activeRequestId) return state;
      let next = updateEntry(state, event.requestId, (entry) => ({
        ...entry,
        status: 'done',
        toolCalls: entry.toolCalls.map((card) => {
          const id = card.id || `call_${event.requestId}_${card.index}`;
          const mock = mockAnswer(own(event.mocks, card.name), card.arguments);
          return { ...card, id, state: 'awaiting-result', result: answerText(mock), mock };
        }),
      }));
      next = updateCall(next, event.requestId, (call) => ({
        ...call,
        status: 'done',
        finishedAt: event.at,
        assembled: assembledFor(next, event.requestId),
      }));
      return { ...next, activeRequestId: null };
    }
    case 'callFailed': {
      if (event.requestId !== state.activeRequestId) return state;
      const stopped = event.error.kind === 'aborted';
      let next = updateEntry(state, event.requestId, (entry) => ({
        ...entry,
        status: stopped ? 'stopped' : 'incomplete',
        toolCalls: entry.toolCalls.map((card) => ({ ...card, state: 'incomplete' as const })),
      }));
      next = updateCall(next, event.requestId, (call) => ({
        ...call,
        status: stopped ? 'stopped' : 'failed',
        finishedAt: event.at,
        error: event.error,
        assembled: assembledFor(next, event.requestId),
      }));
      // An empty reply leaves nothing to look at: drop its article, keep the call in the inspector.
      const entries = next.entries.filter(
        (entry) => !(entry.kind === 'assistant' && entry.requestId === event.requestId && isEmptyAssistant(entry)),
      );
      return { ...next, entries, activeRequestId: null, failure: { requestId: event.requestId, error: event.error } };
    }
    case 'resultEdited':
      return updateCard(state, event.callKey, (card) =>
        card.state === 'awaiting-result' ? { ...card, result: event.text } : card,
      );
    case 'mockAnswered': {
      const running = state.entries.some(
        (entry) =>
          entry.kind === 'assistant' &&
          entry.toolCalls.some((c) => c.key === event.callKey && c.state === 'awaiting-result' && c.mock?.kind === 'javascript' && c.mock.status === 'running'),
      );
      if (!running) return state;
      const { run } = event;
      return updateCard(state, event.callKey, (card) =>
        run.ok
          ? // What the person typed while it ran stays; the card still says what the mock gave.
            { ...card, result: card.result === '' ? run.result : card.result, mock: { kind: 'javascript', status: 'done', result: run.result } }
          : { ...card, mock: { kind: 'javascript', status: 'failed', error: run.error } },
      );
    }
    case 'callApproved':
    case 'callRejected':
      return answerCall(state, event.callKey, event.type === 'callApproved');
    case 'retryRequested': {
      if (!state.failure || state.activeRequestId) return state;
      const { requestId } = state.failure;
      const entries = requestId === null ? state.entries : state.entries.filter((entry) => !(entry.kind === 'assistant' && entry.requestId === requestId));
      return { ...state, entries, failure: null, ...pending(state) };
    }
    case 'conversationReset':
      return { ...initialConversation, ticket: state.ticket, seq: state.seq };
  }
}

function pending(state: ConversationState): Pick<ConversationState, 'pendingCall' | 'ticket'> {
  return { pendingCall: true, ticket: state.ticket + 1 };
}

function isEmptyAssistant(entry: AssistantEntry): boolean {
  return !entry.content && !entry.refusal && entry.toolCalls.length === 0;
}

function updateCall(state: ConversationState, requestId: string, fn: (call: ModelCall) => ModelCall): ConversationState {
  return { ...state, calls: state.calls.map((call) => (call.requestId === requestId ? fn(call) : call)) };
}

function updateEntry(
  state: ConversationState,
  requestId: string,
  fn: (entry: AssistantEntry) => AssistantEntry,
): ConversationState {
  return {
    ...state,
    entries: state.entries.map((entry) =>
      entry.kind === 'assistant' && entry.requestId === requestId ? fn(entry) : entry,
    ),
  };
}

function updateCard(state: ConversationState, key: string, fn: (card: ToolCallCard) => ToolCallCard): ConversationState {
  return {
    ...state,
    entries: state.entries.map((entry) =>
      entry.kind === 'assistant' && entry.toolCalls.some((card) => card.key === key)
        ? { ...entry, toolCalls: entry.toolCalls.map((card) => (card.key === key ? fn(card) : card)) }
        : entry,
    ),
  };
}

function receiveChunk(state: ConversationState, requestId: string, chunk: ChatCompletionChunk, at: number) {
  if (requestId !== state.activeRequestId) return state;
  const choice = chunk.choices?.find((c) => c.index === 0) ?? chunk.choices?.[0];
  const delta = choice?.delta;
  const tokens = Boolean(delta && (delta.content || delta.refusal || delta.reasoning_content || delta.tool_calls?.length));
  let next = updateCall(state, requestId, (call) => ({
    ...call,
    usage: chunk.usage ?? call.usage,
    firstTokenAt: call.firstTokenAt ?? (tokens ? at : null),
    finishReason: choice?.finish_reason ?? call.finishReason,
  }));
  if (!choice) return next;
  next = updateEntry(next, requestId, (entry) => {
    let toolCalls = entry.toolCalls;
    for (const part of delta?.tool_calls ?? []) {
      const index = typeof part.index === 'number' ? part.index : toolCalls.length;
      const existing = toolCalls.find((card) => card.index === index);
      const card: ToolCallCard = existing ?? {
        key: `${entry.key}.${index}`,
        index,
        id: '',
        name: '',
        arguments: '',
        state: 'streaming',
        result: '',
      };
      const updated: ToolCallCard = {
        ...card,
        id: card.id || part.id || '',
        name: card.name || part.function?.name || '',
        arguments: card.arguments + (part.function?.arguments ?? ''),
      };
      toolCalls = existing
        ? toolCalls.map((c) => (c === existing ? updated : c))
        : [...toolCalls, updated].sort((a, b) => a.index - b.index);
    }
    return {
      ...entry,
      content: delta?.content ? (entry.content ?? '') + delta.content : entry.content,
      refusal: delta?.refusal ? (entry.refusal ?? '') + delta.refusal : entry.refusal,
      ...(delta?.reasoning_content ? { reasoning: (entry.reasoning ?? '') + delta.reasoning_content } : {}),
      toolCalls,
      finishReason: choice.finish_reason ?? entry.finishReason,
    };
  });
  return next;
}

function answerCall(state: ConversationState, key: string, approved: boolean): ConversationState {
  const owner = state.entries.findIndex(
    (entry) => entry.kind === 'assistant' && entry.toolCalls.some((card) => card.key === key),
  );
  if (owner === -1) return state;
  const assistant = state.entries[owner] as AssistantEntry;
  const card = assistant.toolCalls.find((c) => c.key === key)!;
  if (card.state !== 'awaiting-result') return state;
  const content = approved ? card.result : declinedResult(card.name);
  const answered: ToolCallCard = { ...card, state: approved ? 'approved' : 'rejected', result: content, ...runEndedByAnswer(card) };
  const toolCalls = assistant.toolCalls.map((c) => (c.key === key ? answered : c));
  const entries = [...state.entries];
  entries[owner] = { ...assistant, toolCalls };
  // The result goes after the tool messages that already answer this assistant message.
  let at = owner + 1;
  while (at < entries.length && entries[at].kind === 'tool') at += 1;
  entries.splice(at, 0, { kind: 'tool', key: `e${state.seq}`, toolCallId: card.id, content });
  const next = { ...state, entries, seq: state.seq + 1 };
  const turnDone = toolCalls.every((c) => c.state === 'approved' || c.state === 'rejected');
  const isLatestTurn = entries.slice(owner + 1).every((entry) => entry.kind === 'tool');
  return turnDone && isLatestTurn && !state.activeRequestId ? { ...next, ...pending(state) } : next;
}

function assembledFor(state: ConversationState, requestId: string): AssembledMessage | null {
  const entry = state.entries.find((e) => e.kind === 'assistant' && e.requestId === requestId);
  return entry && entry.kind === 'assistant' ? assistantMessage(entry, true) : null;
}

export type NextAction =
  | { type: 'streaming'; requestId: string }
  | { type: 'call'; ticket: number }
  | { type: 'await-results'; remaining: number }
  | { type: 'failed' }
  | { type: 'idle' };

/** What the page should do next; `call` means start the model call for that ticket (once). */
export function nextAction(state: ConversationState): NextAction {
  if (state.activeRequestId) return { type: 'streaming', requestId: state.activeRequestId };
  if (state.pendingCall) return { type: 'call', ticket: state.ticket };
  const remaining = unansweredCalls(state).length;
  if (remaining) return { type: 'await-results', remaining };
  if (state.failure) return { type: 'failed' };
  return { type: 'idle' };
}

/** Tool calls still waiting for the person to approve or reject them. */
export function unansweredCalls(state: ConversationState): ToolCallCard[] {
  return state.entries.flatMap((entry) =>
    entry.kind === 'assistant' ? entry.toolCalls.filter((card) => card.state === 'awaiting-result') : [],
  );
}

/** The tool message that answered a call, if any (for the Tool article's heading). */
export function callForToolMessage(state: ConversationState, toolCallId: string): ToolCallCard | undefined {
  for (const entry of state.entries) {
    if (entry.kind !== 'assistant') continue;
    const card = entry.toolCalls.find((c) => c.id === toolCallId);
    if (card) return card;
  }
  return undefined;
}

/** The assistant message as assembled so far (for the inspector while a call streams). */
export function assembledMessage(state: ConversationState, requestId: string): AssembledMessage | null {
  const call = state.calls.find((c) => c.requestId === requestId);
  return call?.assembled ?? assembledFor(state, requestId);
}
