import 'server-only';
/**
 * Turns what an OpenAI-compatible upstream actually sends into what the Chat Completions spec promises,
 * so the page, the official SDKs and curl users all get well-formed completions and chunks whichever
 * provider answered. Pure and synchronous: the proxy does the I/O, this only reshapes JSON values.
 * This file: the readers of upstream fields both shapes share, and plain completions; streamed chunks
 * are normalize-stream.ts.
 */
import { readUpstreamError, type UpstreamErrorInfo } from '@/lib/wire/api-error';
import type { ChatCompletion, FinishReason, ToolCall, Usage } from '@/lib/wire/chat';
import { hashText } from '@/lib/util/hash';
import { isRecord } from '@/lib/util/json';
import type { Redactor } from './redact';

export interface NormalizeContext {
  /** Model id the person asked for: used when the upstream names none. */
  model: string;
  /** This request's id: the completion id when the upstream gives none (and so the seed of call ids). */
  requestId: string;
  /** Forward a usage chunk at the end of a stream (default true). False when the client did not ask. */
  includeUsage?: boolean;
  /**
   * The secrets no chunk may carry. The stream normalizer redacts the ids and model it repeats and
   * forwards no chunk as it came that holds one; callers redact what they serialize (redactedJson).
   */
  redactor?: Redactor;
}

/** The upstream's reply cannot be read as a completion at all (→ 502). The message is for a person. */
export class UpstreamFormatError extends Error {
  readonly status = 502;
  constructor(message: string, readonly upstreamError?: UpstreamErrorInfo) {
    super(message);
    this.name = 'UpstreamFormatError';
  }
}

export type Obj = Record<string, unknown>;
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
export const index = (v: unknown): number | undefined => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : undefined);

/** Text of a string or of an array of text parts (some providers answer with parts). */
export function text(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (!Array.isArray(v)) return null;
  return v.map((p) => (typeof p === 'string' ? p : isRecord(p) && typeof p.text === 'string' ? p.text : '')).join('');
}

/** Arguments as the JSON text the spec promises: some providers send the parsed object instead. */
function argsText(v: unknown): string {
  if (typeof v === 'string') return v;
  return v == null ? '' : JSON.stringify(v);
}

export function isCompleteJson(s: string): boolean {
  try {
    return s.trim() !== '' && (JSON.parse(s), true);
  } catch {
    return false;
  }
}

const FINISH: Record<string, FinishReason> = {
  stop: 'stop', end_turn: 'stop', eos: 'stop', eos_token: 'stop', stop_sequence: 'stop', end: 'stop',
  complete: 'stop', completed: 'stop', finished: 'stop',
  length: 'length', max_tokens: 'length', max_output_tokens: 'length', model_length: 'length',
  tool_calls: 'tool_calls', tool_use: 'tool_calls', tool_call: 'tool_calls', function_call: 'tool_calls',
  content_filter: 'content_filter', safety: 'content_filter', recitation: 'content_filter',
  blocklist: 'content_filter', prohibited_content: 'content_filter', spii: 'content_filter', refusal: 'content_filter',
};

/**
 * Maps any provider's finish reason (Anthropic's `tool_use`/`end_turn`/`max_tokens`, Gemini's `STOP`/
 * `SAFETY`, `eos`, null) to the spec's five. What the model did outranks what it said: a reply with tool
 * calls finished with `tool_calls` (unless it was cut by length or a filter), one without calls never did.
 */
export function mapFinishReason(raw: unknown, hasToolCalls: boolean): FinishReason {
  const key = typeof raw === 'string' ? raw.trim().toLowerCase().replace(/^finish_reason_/, '') : '';
  const mapped = FINISH[key] ?? 'stop';
  if (hasToolCalls) return mapped === 'length' || mapped === 'content_filter' ? mapped : 'tool_calls';
  return mapped === 'tool_calls' ? 'stop' : mapped;
}

function count(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.round(n) : undefined;
}

/** Usage with all three counts, derived from whichever the upstream gave; undefined when it gave none. */
export function normalizeUsage(raw: unknown): Usage | undefined {
  if (!isRecord(raw)) return undefined;
  let prompt = count(raw.prompt_tokens ?? raw.input_tokens);
  let completion = count(raw.completion_tokens ?? raw.output_tokens);
  const total = count(raw.total_tokens);
  if (prompt === undefined && completion === undefined && total === undefined) return undefined;
  if (total !== undefined && prompt === undefined && completion !== undefined) prompt = Math.max(0, total - completion);
  if (total !== undefined && completion === undefined && prompt !== undefined) completion = Math.max(0, total - prompt);
  prompt ??= 0;
  completion ??= 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total ?? prompt + completion };
}

/** Unix seconds; accepts milliseconds and date strings, falls back to now. */
export function unixSeconds(v: unknown): number {
  let n = typeof v === 'number' ? v : typeof v === 'string' ? (/^\d+(\.\d+)?$/.test(v) ? Number(v) : Date.parse(v) / 1000) : NaN;
  if (!Number.isFinite(n) || n <= 0) n = Date.now() / 1000;
  return Math.floor(n > 1e11 ? n / 1000 : n);
}

/**
 * Id for a call the upstream left without one. Derived from the completion id and position, so the same
 * upstream reply always yields the same ids (a tool result must name the call it answers).
 */
export function stableCallId(completionId: string, choice: number, call: number): string {
  return `call_${hashText(`${completionId}:${choice}`)}_${call}`;
}

export interface RawCall { index?: number; id?: string; name?: string; args: string }

export function readCall(v: unknown): RawCall | null {
  if (!isRecord(v)) return null;
  const fn = isRecord(v.function) ? v.function : v; // some providers flatten name/arguments onto the call
  return { index: index(v.index), id: str(v.id), name: str(fn.name), args: argsText(fn.arguments) };
}

/**
 * A reasoning model's thinking in a message or delta, as `reasoning_content`: DeepSeek's and Qwen's
 * name for it, which the page reads; OpenRouter-style aggregators (and some o-series models through
 * them) call it `reasoning`, renamed here (the inspector shows the rename as a normalizer change).
 */
export function reasoningText(m: Obj): string | undefined {
  return str(m.reasoning_content) ?? str(m.reasoning);
}

/** Tool calls of a message or delta; the legacy `function_call` counts as one call. */
export function rawCalls(m: Obj): unknown[] {
  if (Array.isArray(m.tool_calls) && m.tool_calls.length > 0) return m.tool_calls;
  return isRecord(m.function_call) ? [{ index: 0, function: m.function_call }] : [];
}

/** Whether a stream event is an error report (`data: {"error": …}`, or an `event: error`) — the SDK's test. */
export function isStreamError(raw: unknown, event?: string): boolean {
  return event === 'error' || (isRecord(raw) && Boolean(raw.error));
}

/** The event or body as an object, or a typed error: not JSON, not an object, or an error report. */
export function readObject(input: unknown, what: string): Obj {
  let raw = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch {
      raw = undefined;
    }
  }
  if (!isRecord(raw)) {
    throw new UpstreamFormatError(`The model provider sent ${what} that is not a JSON object, so it cannot be read. Retry, or pick another model.`);
  }
  if (isStreamError(raw)) {
    const info = readUpstreamError(raw);
    throw new UpstreamFormatError(`The model provider answered with an error: ${info.message}`, info);
  }
  return raw;
}

/** Completion id when the upstream sends none: the request id, or a random one when that is empty too. */
export const fallbackId = (ctx: NormalizeContext) => `chatcmpl-${ctx.requestId || crypto.randomUUID().replace(/-/g, '')}`;

/** Accepts a spec completion or a known deviation and returns a spec-conformant `chat.completion`. */
export function normalizeCompletion(input: unknown, ctx: NormalizeContext): ChatCompletion {
  const raw = readObject(input, 'a reply');
  const choicesIn = Array.isArray(raw.choices) ? raw.choices : isRecord(raw.message) ? [{ message: raw.message, finish_reason: raw.done_reason ?? raw.finish_reason }] : null;
  if (!choicesIn) {
    // A 200 that is really an error in the AI/ML API's or FastAPI's shape: keep its words and status.
    const info = raw.statusCode !== undefined || raw.detail !== undefined ? readUpstreamError(raw) : undefined;
    if (info) throw new UpstreamFormatError(`The model provider answered with an error: ${info.message}`, info);
    throw new UpstreamFormatError('The model provider answered without "choices", so the reply is not a chat completion. Check that AIML_API_BASE_URL points at an OpenAI-compatible /v1 endpoint.');
  }
  const id = str(raw.id) ?? fallbackId(ctx);
  const completion: ChatCompletion = {
    id,
    object: 'chat.completion',
    created: unixSeconds(raw.created ?? raw.created_at),
    model: str(raw.model) ?? ctx.model,
    choices: choicesIn.filter(isRecord).map((c, pos) => normalizeChoice(c, pos, id)),
  };
  const usage = normalizeUsage(raw.usage);
  if (usage) completion.usage = usage;
  if (typeof raw.system_fingerprint === 'string') completion.system_fingerprint = raw.system_fingerprint;
  return completion;
}

function normalizeChoice(c: Obj, pos: number, completionId: string): ChatCompletion['choices'][number] {
  const choiceIndex = index(c.index) ?? pos;
  const m = isRecord(c.message) ? c.message : isRecord(c.delta) ? c.delta : {};
  const seen = new Set<string>();
  const calls: ToolCall[] = rawCalls(m).map(readCall).filter((x): x is RawCall => x !== null).map((call, i) => {
    // Two calls with one id could not both be answered: the second gets its own.
    const id = call.id && !seen.has(call.id) ? call.id : stableCallId(completionId, choiceIndex, i);
    seen.add(id);
    return { id, type: 'function', function: { name: call.name ?? '', arguments: call.args.trim() === '' ? '{}' : call.args } };
  });
  let content = text(m.content) ?? (typeof c.text === 'string' ? c.text : null);
  if (calls.length > 0 && content !== null && content.trim() === '') content = null;
  const reasoning = reasoningText(m);
  return {
    index: choiceIndex,
    message: {
      role: 'assistant',
      content,
      refusal: str(m.refusal) ?? null,
      ...(calls.length > 0 ? { tool_calls: calls } : {}),
      ...(reasoning !== undefined ? { reasoning_content: reasoning } : {}),
    },
    finish_reason: mapFinishReason(c.finish_reason, calls.length > 0),
    logprobs: null,
  };
}
