/**
 * The conversation's state — messages as entries, tool calls as cards with an explicit state, model calls
 * for the inspector — and its lossless conversion to and from Chat Completions messages (what a request
 * sends and what a scenario saves). The reducer that changes it is in `reducer.ts`.
 */
import type { ChatMessage, ChatRequest, FinishReason, ToolCall, Usage } from '@/lib/wire/chat';
import { contentText, LIMITS } from '@/lib/wire/chat-constants';
import type { ChatError } from '@/lib/wire/chat-client';
import { own } from '@/lib/util/json';
import { answerText, mockAnswer, type MockAnswer, type Mocks } from '@/lib/mocks/mock';
import type { TurnExpectation } from '@/lib/evaluate/types';
import type { McpCallResult, McpProgress } from '@/lib/mcp/types';

export type ToolCallState = 'streaming' | 'awaiting-result' | 'approved' | 'rejected' | 'incomplete';

/** A run of a tool call on its MCP server ("Run on <server>": server-runs.ts). */
export interface ServerRun {
  server: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  progress?: McpProgress;
  result?: McpCallResult;
  /** Why it gave no result (timeout, crash, Cancel), in words. */
  error?: string;
}

export interface ToolCallCard {
  /** Stable within the state: `<entry key>.<index>`. */
  key: string;
  index: number;
  id: string;
  name: string;
  /** The arguments text exactly as streamed. */
  arguments: string;
  state: ToolCallState;
  /** The result editor's text; once answered, what went back to the model. */
  result: string;
  /** Which mock offered the result (a JavaScript mock's runs after the call finishes); none: "ask me", or typed. */
  mock?: MockAnswer | null;
  /** A run of the call on its MCP server (server-runs.ts), while it runs and after. */
  run?: ServerRun;
}

export type UserContent = Extract<ChatMessage, { role: 'user' }>['content'];

export type Entry =
  | {
      kind: 'user';
      key: string;
      content: UserContent;
      /**
       * What this turn should produce (lib/evaluate/types.ts). Kept on the message itself so that every
       * change to the conversation (edit, delete, fork, run from here, undo) takes it along.
       */
      expect?: TurnExpectation;
    }
  | {
      kind: 'assistant';
      key: string;
      /** null when the model sent no text at all (tool calls only). */
      content: string | null;
      refusal: string | null;
      /** A reasoning model's thinking (`reasoning_content`), shown folded above the answer and sent back. */
      reasoning?: string;
      toolCalls: ToolCallCard[];
      status: 'streaming' | 'done' | 'incomplete' | 'stopped';
      requestId: string | null;
      finishReason: FinishReason | null;
    }
  | { kind: 'tool'; key: string; toolCallId: string; content: string }
  /** System or developer messages inside the conversation, kept as they came. */
  | { kind: 'other'; key: string; message: ChatMessage };

export type AssistantEntry = Extract<Entry, { kind: 'assistant' }>;

export interface AssembledMessage {
  role: 'assistant';
  content: string | null;
  refusal?: string | null;
  tool_calls?: ToolCall[];
  reasoning_content?: string;
}

/** The playground server's answer to a call as the browser saw it: status and response headers. */
export interface HttpResponseInfo {
  status: number;
  headers: Record<string, string>;
}

/** `[offset, ms]`: the raw text from `offset` on arrived `ms` after the call started. */
export type RawTime = readonly [offset: number, ms: number];

/** Arrival times kept per call (one per network read); later reads share the last one's time. */
export const MAX_RAW_TIMES = 2_000;

/** One model call, as the inspector shows it. */
export interface ModelCall {
  requestId: string;
  body: ChatRequest;
  startedAt: number;
  firstTokenAt: number | null;
  finishedAt: number | null;
  /** The response text exactly as received (SSE lines, comments included). */
  raw: string;
  /** The raw text was over the size kept with a saved scenario, so it was not kept (its length then). */
  rawDroppedChars: number | null;
  /** When each piece of `raw` arrived, in order (at most MAX_RAW_TIMES). */
  rawTimes: RawTime[];
  /** null until the server answered (and for calls saved before this was kept). */
  http: HttpResponseInfo | null;
  /** `interrupted`: restored after the page went away while it streamed. */
  status: 'streaming' | 'done' | 'failed' | 'stopped' | 'interrupted';
  usage: Usage | null;
  error: ChatError | null;
  finishReason: FinishReason | null;
  /** Set when the call ends (the entry may later be dropped by a retry). */
  assembled: AssembledMessage | null;
}

/**
 * The answers Regenerate keeps at one point of the conversation, as ChatGPT's branches: each version is
 * the whole tail from that point on (the answer and everything that followed it). The version shown is
 * the live tail of `entries`; the others wait in `others` (lib/conversation/branches.ts).
 */
export interface Branch {
  /** Where the versions start: an index into the entries (in a stored version: into that version's entries). */
  at: number;
  /** The shown version's place among all of them (`others` with it put back at this index). */
  current: number;
  /** The versions not shown, in order. */
  others: BranchVersion[];
}

export interface BranchVersion {
  /** The tail from the branch's point on. */
  entries: Entry[];
  /** The branches inside this tail, their `at` counted from its first entry. */
  branches: Branch[];
}

export interface ConversationState {
  entries: Entry[];
  /** Alternative answers kept by Regenerate, by where they start (ascending `at`, one per point). */
  branches: Branch[];
  calls: ModelCall[];
  activeRequestId: string | null;
  /** The call that failed (null when nothing of it is known: a conversation restored mid-turn). */
  failure: { requestId: string | null; error: ChatError } | null;
  /** A model call should start: after a send, a retry, or the last answer of a turn. */
  pendingCall: boolean;
  /** Bumped each time `pendingCall` is set, so the page starts each call once. */
  ticket: number;
  seq: number;
}

export const initialConversation: ConversationState = {
  entries: [],
  branches: [],
  calls: [],
  activeRequestId: null,
  failure: null,
  pendingCall: false,
  ticket: 0,
  seq: 0,
};

/** What a rejected call sends back to the model. */
export function declinedResult(name: string): string {
  return JSON.stringify({ error: `The user declined to run ${name}.` });
}

export function assistantMessage(entry: AssistantEntry, includeIncomplete: boolean): AssembledMessage {
  const message: AssembledMessage = { role: 'assistant', content: entry.content };
  if (entry.refusal != null) message.refusal = entry.refusal;
  if (entry.reasoning) message.reasoning_content = entry.reasoning;
  const calls = entry.toolCalls.filter((card) => includeIncomplete || card.state !== 'incomplete');
  if (calls.length) {
    message.tool_calls = calls.map((card) => ({
      id: card.id,
      type: 'function',
      function: { name: card.name, arguments: card.arguments },
    }));
  }
  return message;
}

/**
 * The conversation as Chat Completions messages (no system prompt). Replies still streaming are left
 * out; cut-off or stopped replies keep their text but not their unfinished tool calls, which no tool
 * message could answer.
 */
export function toWireMessages(state: ConversationState): ChatMessage[] {
  return wireWithSources(state).messages;
}

/** The wire messages, and for each the index of the entry it comes from. */
export function wireWithSources(state: ConversationState): { messages: ChatMessage[]; sources: number[] } {
  const messages: ChatMessage[] = [];
  const sources: number[] = [];
  state.entries.forEach((entry, index) => {
    const length = messages.length;
    if (entry.kind === 'user') messages.push({ role: 'user', content: entry.content });
    else if (entry.kind === 'tool') messages.push({ role: 'tool', tool_call_id: entry.toolCallId, content: entry.content });
    else if (entry.kind === 'other') messages.push(entry.message);
    else if (entry.status === 'done') messages.push(assistantMessage(entry, false));
    else if (entry.status !== 'streaming' && entry.content) messages.push({ role: 'assistant', content: entry.content });
    if (messages.length > length) sources.push(index);
  });
  return { messages, sources };
}

/** The messages of the next request: the system prompt (when there is one), then the conversation. */
export function requestMessages(state: ConversationState, system: string): ChatMessage[] {
  const messages = toWireMessages(state);
  return system.trim() ? [{ role: 'system', content: system }, ...messages] : messages;
}

/**
 * Why the next call cannot carry this conversation, in words; null when it can. A saved scenario may
 * hold more messages than one request (LIMITS): say so before the server refuses it.
 */
export function requestSizeProblem(state: ConversationState, system: string): string | null {
  const count = requestMessages(state, system).length + 1;
  if (count <= LIMITS.maxMessages) return null;
  return `The next call would carry ${count} messages; one call takes at most ${LIMITS.maxMessages}. Start a New chat, or continue from a shorter copy of this one.`;
}

/**
 * Rebuilds the conversation from wire messages (a shared or saved scenario): tool calls become cards,
 * answered by the tool messages that follow them (approved, or rejected when the content is the
 * declined result); calls nobody answered wait for a result, prefilled from the mocks.
 */
export function fromWireMessages(
  messages: readonly ChatMessage[],
  mocks: Readonly<Mocks> = {},
  firstSeq = 0,
): ConversationState {
  let seq = firstSeq;
  const entries: Entry[] = [];
  const cards = new Map<string, { entry: number; index: number }>();
  for (const message of messages) {
    const key = `e${seq++}`;
    if (message.role === 'user') {
      entries.push({ kind: 'user', key, content: message.content });
    } else if (message.role === 'assistant') {
      const toolCalls: ToolCallCard[] = (message.tool_calls ?? []).map((call, index) => {
        const mock = mockAnswer(own(mocks, call.function.name), call.function.arguments);
        return {
          key: `${key}.${index}`,
          index,
          id: call.id,
          name: call.function.name,
          arguments: call.function.arguments,
          state: 'awaiting-result',
          result: answerText(mock),
          mock,
        };
      });
      toolCalls.forEach((card, index) => cards.set(card.id, { entry: entries.length, index }));
      entries.push({
        kind: 'assistant',
        key,
        content: message.content == null ? null : contentText(message.content),
        refusal: message.refusal ?? null,
        ...(message.reasoning_content ? { reasoning: message.reasoning_content } : {}),
        toolCalls,
        status: 'done',
        requestId: null,
        finishReason: toolCalls.length ? 'tool_calls' : 'stop',
      });
    } else if (message.role === 'tool') {
      const content = contentText(message.content);
      entries.push({ kind: 'tool', key, toolCallId: message.tool_call_id, content });
      const where = cards.get(message.tool_call_id);
      const owner = where && entries[where.entry];
      if (where && owner?.kind === 'assistant') {
        const card = owner.toolCalls[where.index];
        if (card.state === 'awaiting-result') {
          const state = content === declinedResult(card.name) ? 'rejected' : 'approved';
          // The mock still names the answer when what was sent is what it offered (fixed results and rules
          // answer the same arguments the same way), so a reload shows what answered as the page did.
          const mock = state === 'approved' && card.mock && answerText(card.mock) === content ? card.mock : null;
          owner.toolCalls[where.index] = { ...card, state, result: content, mock };
        }
      }
    } else {
      entries.push({ kind: 'other', key, message });
    }
  }
  return { ...initialConversation, entries, seq };
}
