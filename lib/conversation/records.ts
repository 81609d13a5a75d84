/**
 * The inspector's records as a saved scenario keeps them, so that a reload (or a Library entry opened
 * later) shows every model call again. A record leaves out what the conversation already holds: the
 * request's messages are the conversation's first `message_count` messages (after `system`, when the
 * request had one), and are stored whole only when they are not (a conversation edited since). The
 * raw stream is kept while it fits a size cap, newest calls first; past it the record says how long
 * it was. A call still streaming when the record is written comes back as `interrupted`.
 */
import type { ChatMessage, ChatRequest, FinishReason, Usage } from '@/lib/wire/chat';
import type { ChatError } from '@/lib/wire/chat-client';
import { canonicalJson } from '@/lib/util/json';
import { wireWithSources, type AssembledMessage, type ConversationState, type Entry, type HttpResponseInfo, type ModelCall } from './state';

/** Longest raw stream kept for one call, and for all the calls of one conversation together. */
export const RAW_CHARS_PER_CALL = 32_000;
export const RAW_CHARS_PER_CONVERSATION = 128_000;

export interface InspectorRecord {
  id: string;
  started_at: number;
  first_token_ms: number | null;
  total_ms: number | null;
  status: 'done' | 'failed' | 'stopped' | 'interrupted';
  /** The request body without its messages. */
  request: Omit<ChatRequest, 'messages'>;
  /** The system prompt the request began with, null when it had none. */
  system: string | null;
  /** How many of the conversation's messages the request carried after the system prompt. */
  message_count: number;
  /** The request's messages, only when they are not the conversation's first `message_count`. */
  messages?: ChatMessage[];
  usage: Usage | null;
  finish_reason: FinishReason | null;
  error: ChatError | null;
  reply: AssembledMessage | null;
  /** The response as received; null when it was not kept (see `raw_chars`). */
  raw: string | null;
  raw_chars: number;
  /** When each piece of `raw` arrived (ModelCall.rawTimes); only with `raw`. Absent in older records. */
  raw_times?: Array<[number, number]>;
  /** The server's status and response headers. Absent in older records. */
  http?: HttpResponseInfo;
}

/** What a call that the page left while it ran (a reload) says when it comes back. */
export const INTERRUPTED: ChatError = {
  status: null,
  kind: 'interrupted',
  message: 'This call was interrupted: the page was reloaded or closed while the model was answering. Retry to call the model again.',
};

// Key order differs between messages read from storage and messages built from the state.
const sameJson = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** The request's messages in terms of the conversation's (computed once per finished call). */
function messageRef(body: ChatRequest, wire: readonly ChatMessage[]): Pick<InspectorRecord, 'system' | 'message_count' | 'messages'> {
  const [first, ...rest] = body.messages;
  if (first?.role === 'system' && typeof first.content === 'string' && sameJson(rest, wire.slice(0, rest.length))) {
    return { system: first.content, message_count: rest.length };
  }
  if (sameJson(body.messages, wire.slice(0, body.messages.length))) return { system: null, message_count: body.messages.length };
  return { system: null, message_count: 0, messages: body.messages };
}

type MessageRef = Pick<InspectorRecord, 'system' | 'message_count' | 'messages'>;

/**
 * Finished calls never change (the reducer replaces a call it changes), so each is compared again only
 * when the entries its messages came from have changed: a Run from here cuts them and its Undo puts the
 * same call back, which must then point into the conversation again rather than keep a copy.
 */
const refs = new WeakMap<ModelCall, { ref: MessageRef; entries: readonly Entry[]; upTo: number }>();

function stillHolds(cached: { ref: MessageRef; entries: readonly Entry[]; upTo: number }, entries: readonly Entry[]): boolean {
  // A copy of the messages stands only while nothing changed; a reference while its entries stand.
  if (cached.entries === entries) return true;
  if (cached.ref.messages) return false;
  if (entries.length < cached.upTo) return false;
  for (let i = 0; i < cached.upTo; i++) if (cached.entries[i] !== entries[i]) return false;
  return true;
}

function recordOf(call: ModelCall, wire: { messages: readonly ChatMessage[]; sources: readonly number[] }, entries: readonly Entry[], raw: string | null): InspectorRecord {
  const cached = refs.get(call);
  let ref: MessageRef;
  if (cached && stillHolds(cached, entries)) ref = cached.ref;
  else {
    ref = messageRef(call.body, wire.messages);
    const upTo = ref.message_count === 0 ? 0 : wire.sources[ref.message_count - 1] + 1;
    if (call.status !== 'streaming') refs.set(call, { ref, entries, upTo });
  }
  const { messages: _messages, ...request } = call.body;
  const since = (at: number | null) => (at === null ? null : at - call.startedAt);
  return {
    id: call.requestId,
    started_at: call.startedAt,
    first_token_ms: since(call.firstTokenAt),
    total_ms: since(call.finishedAt),
    status: call.status === 'streaming' ? 'interrupted' : call.status,
    request,
    ...ref,
    usage: call.usage,
    finish_reason: call.finishReason,
    error: call.status === 'streaming' ? INTERRUPTED : call.error,
    reply: call.assembled,
    raw,
    raw_chars: call.rawDroppedChars ?? call.raw.length,
    ...(raw !== null && call.rawTimes.length ? { raw_times: call.rawTimes.map(([offset, ms]): [number, number] => [offset, ms]) } : {}),
    ...(call.http ? { http: call.http } : {}),
  };
}

/** The conversation's model calls as records, oldest first; raw streams kept newest first within the caps. */
export function toRecords(state: ConversationState): InspectorRecord[] {
  const wire = wireWithSources(state);
  let budget = RAW_CHARS_PER_CONVERSATION;
  const kept = new Array<string | null>(state.calls.length).fill(null);
  for (let i = state.calls.length - 1; i >= 0; i--) {
    const { raw, rawDroppedChars } = state.calls[i];
    if (rawDroppedChars === null && raw.length <= RAW_CHARS_PER_CALL && raw.length <= budget) {
      kept[i] = raw;
      budget -= raw.length;
    }
  }
  return state.calls.map((call, i) => recordOf(call, wire, state.entries, kept[i]));
}

/** The records as the inspector's calls again, their bodies rebuilt from the conversation. */
export function fromRecords(records: readonly InspectorRecord[], wire: readonly ChatMessage[]): ModelCall[] {
  return records.map((record) => {
    const system: ChatMessage[] = record.system === null ? [] : [{ role: 'system', content: record.system }];
    const messages = record.messages ?? [...system, ...wire.slice(0, record.message_count)];
    const at = (ms: number | null) => (ms === null ? null : record.started_at + ms);
    return {
      requestId: record.id,
      body: { ...record.request, messages },
      startedAt: record.started_at,
      firstTokenAt: at(record.first_token_ms),
      finishedAt: at(record.total_ms),
      raw: record.raw ?? '',
      rawDroppedChars: record.raw === null ? record.raw_chars : null,
      rawTimes: record.raw !== null ? (record.raw_times ?? []) : [],
      http: record.http ?? null,
      status: record.status,
      usage: record.usage,
      error: record.error,
      finishReason: record.finish_reason,
      assembled: record.reply,
    };
  });
}
