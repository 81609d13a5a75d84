import 'server-only';
/**
 * Turns what an OpenAI-compatible upstream actually sends into what the Chat Completions spec promises,
 * so the page, the official SDKs and curl users all get well-formed completions and chunks whichever
 * provider answered. Pure and synchronous: the proxy does the I/O, this only reshapes JSON values.
 */
import { readUpstreamError, type UpstreamErrorInfo } from '@/lib/wire/api-error';
import type { ChatCompletion, ChatCompletionChunk, FinishReason, ToolCall, ToolCallDelta, Usage } from '@/lib/wire/chat';
import { isRecord } from '@/lib/util/json';

export interface NormalizeContext {
  /** Model id the person asked for: used when the upstream names none. */
  model: string;
  /** This request's id: the completion id when the upstream gives none (and so the seed of call ids). */
  requestId: string;
  /** Forward a usage chunk at the end of a stream (default true). False when the client did not ask. */
  includeUsage?: boolean;
}

/** The upstream's reply cannot be read as a completion at all (→ 502). The message is for a person. */
export class UpstreamFormatError extends Error {
  readonly status = 502;
  constructor(message: string, readonly upstreamError?: UpstreamErrorInfo) {
    super(message);
    this.name = 'UpstreamFormatError';
  }
}

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const index = (v: unknown): number | undefined => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : undefined);

/** Text of a string or of an array of text parts (some providers answer with parts). */
function text(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (!Array.isArray(v)) return null;
  return v.map((p) => (typeof p === 'string' ? p : isRecord(p) && typeof p.text === 'string' ? p.text : '')).join('');
}

/** Arguments as the JSON text the spec promises: some providers send the parsed object instead. */
function argsText(v: unknown): string {
  if (typeof v === 'string') return v;
  return v == null ? '' : JSON.stringify(v);
}

function isCompleteJson(s: string): boolean {
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
function unixSeconds(v: unknown): number {
  let n = typeof v === 'number' ? v : typeof v === 'string' ? (/^\d+(\.\d+)?$/.test(v) ? Number(v) : Date.parse(v) / 1000) : NaN;
  if (!Number.isFinite(n) || n <= 0) n = Date.now() / 1000;
  return Math.floor(n > 1e11 ? n / 1000 : n);
}

/** cyrb53: a short, stable, dependency-free string hash. */
function hash(s: string): string {
  let [h1, h2] = [0xdeadbeef, 0x41c6ce57];
  for (let i = 0; i < s.length; i++) [h1, h2] = [Math.imul(h1 ^ s.charCodeAt(i), 2654435761), Math.imul(h2 ^ s.charCodeAt(i), 1597334677)];
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * Id for a call the upstream left without one. Derived from the completion id and position, so the same
 * upstream reply always yields the same ids (a tool result must name the call it answers).
 */
export function stableCallId(completionId: string, choice: number, call: number): string {
  return `call_${hash(`${completionId}:${choice}`)}_${call}`;
}

interface RawCall { index?: number; id?: string; name?: string; args: string }

function readCall(v: unknown): RawCall | null {
  if (!isRecord(v)) return null;
  const fn = isRecord(v.function) ? v.function : v; // some providers flatten name/arguments onto the call
  return { index: index(v.index), id: str(v.id), name: str(fn.name), args: argsText(fn.arguments) };
}

/** Tool calls of a message or delta; the legacy `function_call` counts as one call. */
function rawCalls(m: Obj): unknown[] {
  if (Array.isArray(m.tool_calls) && m.tool_calls.length > 0) return m.tool_calls;
  return isRecord(m.function_call) ? [{ index: 0, function: m.function_call }] : [];
}

/** Whether a stream event is an error report (`data: {"error": …}`, or an `event: error`) — the SDK's test. */
export function isStreamError(raw: unknown, event?: string): boolean {
  return event === 'error' || (isRecord(raw) && Boolean(raw.error));
}

/** The event or body as an object, or a typed error: not JSON, not an object, or an error report. */
function readObject(input: unknown, what: string): Obj {
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
const fallbackId = (ctx: NormalizeContext) => `chatcmpl-${ctx.requestId || crypto.randomUUID().replace(/-/g, '')}`;

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
  return {
    index: choiceIndex,
    message: { role: 'assistant', content, refusal: str(m.refusal) ?? null, ...(calls.length > 0 ? { tool_calls: calls } : {}) },
    finish_reason: mapFinishReason(c.finish_reason, calls.length > 0),
    logprobs: null,
  };
}

const CHUNK_KEYS = new Set(['id', 'object', 'created', 'model', 'system_fingerprint', 'choices', 'usage']);
const CHOICE_KEYS = new Set(['index', 'delta', 'logprobs', 'finish_reason']);

interface CallState { id?: string; upstreamId?: string; name: string; args: string; out?: number }
interface ChoiceState { calls: CallState[]; byRawIndex: Map<number, CallState>; last?: CallState; opened: number; roleSent: boolean; finished: boolean }
type Delta = ChatCompletionChunk['choices'][number]['delta'];

/**
 * Per-stream state that rewrites upstream chunks into spec chunks: one role, dense tool-call indexes
 * 0,1,2 in order of appearance, an id, type and name on each call's first delta, JSON-string
 * arguments, and a truthful finish reason. Usage is held back and sent as the last chunk by `finish()`.
 */
export class StreamNormalizer {
  private env?: Pick<ChatCompletionChunk, 'id' | 'object' | 'created' | 'model' | 'system_fingerprint'>;
  private readonly choices = new Map<number, ChoiceState>();
  private usage?: Usage;
  private pushed = 0;

  constructor(private readonly ctx: NormalizeContext) {}

  /** Every choice seen so far got a finish reason from the upstream. False: the reply may be cut. */
  get sawFinish(): boolean {
    return this.choices.size > 0 && [...this.choices.values()].every((c) => c.finished);
  }
  /** Upstream chunks accepted; 0 at `[DONE]` means the upstream sent an empty stream. */
  get chunkCount(): number {
    return this.pushed;
  }

  /** One parsed upstream event (or its JSON text). Callers test `isStreamError` first; errors throw here. */
  push(input: unknown): ChatCompletionChunk[] {
    const raw = readObject(input, 'a stream event');
    this.pushed += 1;
    if (!this.env) {
      this.env = { id: str(raw.id) ?? fallbackId(this.ctx), object: 'chat.completion.chunk', created: unixSeconds(raw.created), model: str(raw.model) ?? this.ctx.model };
    }
    if (typeof raw.system_fingerprint === 'string' && !this.env.system_fingerprint) this.env.system_fingerprint = raw.system_fingerprint;
    this.usage = normalizeUsage(raw.usage) ?? this.usage;
    const out: ChatCompletionChunk[] = [];
    (Array.isArray(raw.choices) ? raw.choices : []).forEach((c, pos) => {
      if (isRecord(c)) this.pushChoice(c, pos, out);
    });
    return out;
  }

  /**
   * The fast path: true when `raw` (a parsed upstream event) is already, in meaning, the one chunk
   * `push` would send for it, so the caller may forward the upstream's own text; the chunk is then
   * recorded as `push` would. False (nothing recorded) for anything else: the caller calls `push`.
   * A strict check of OpenAI's two common chunks, after the first: a text delta, and a delta of the
   * arguments of a call already opened under the same index. Tolerated differences, both in the
   * spec: `usage: null` (sent while include_usage holds usage back) and an absent `logprobs`.
   */
  acceptAsIs(raw: unknown): boolean {
    const env = this.env;
    if (!env || !isRecord(raw)) return false;
    for (const key in raw) if (!CHUNK_KEYS.has(key)) return false;
    if (raw.id !== env.id || raw.object !== 'chat.completion.chunk' || raw.created !== env.created || raw.model !== env.model) return false;
    if (raw.system_fingerprint !== env.system_fingerprint || (raw.usage !== undefined && raw.usage !== null)) return false;
    const choices = raw.choices;
    if (!Array.isArray(choices) || choices.length !== 1) return false;
    const c: unknown = choices[0];
    if (!isRecord(c) || c.index !== 0 || c.finish_reason !== null || (c.logprobs !== undefined && c.logprobs !== null)) return false;
    for (const key in c) if (!CHOICE_KEYS.has(key)) return false;
    const st = this.choices.get(0);
    const d = c.delta;
    if (!st || !st.roleSent || st.finished || !isRecord(d)) return false;
    let only: string | undefined;
    for (const key in d) {
      if (only !== undefined) return false;
      only = key;
    }
    if (only === 'content') {
      if (typeof d.content !== 'string' || d.content === '') return false;
    } else if (only === 'tool_calls') {
      const calls = d.tool_calls;
      if (!Array.isArray(calls) || calls.length !== 1) return false;
      const tc: unknown = calls[0];
      if (!isRecord(tc) || !Number.isInteger(tc.index) || !isRecord(tc.function)) return false;
      for (const key in tc) if (key !== 'index' && key !== 'function') return false;
      const fn = tc.function;
      for (const key in fn) if (key !== 'arguments') return false;
      if (typeof fn.arguments !== 'string' || fn.arguments === '') return false;
      const call = st.byRawIndex.get(tc.index as number);
      if (!call || call.out !== tc.index) return false;
      // What applyCall does for such a delta.
      call.args += fn.arguments;
      st.last = call;
    } else {
      return false;
    }
    this.pushed += 1;
    return true;
  }

  /** What to send before `[DONE]`: pending finish chunks (with `{}` for argument-less calls), then usage. */
  finish(): ChatCompletionChunk[] {
    const out: ChatCompletionChunk[] = [];
    for (const [i, st] of this.choices) if (!st.finished) out.push(...this.close(i, st, null));
    if (this.usage && this.ctx.includeUsage !== false) out.push({ ...this.envelope(), choices: [], usage: this.usage });
    this.usage = undefined;
    return out;
  }

  private envelope() {
    this.env ??= { id: fallbackId(this.ctx), object: 'chat.completion.chunk', created: unixSeconds(undefined), model: this.ctx.model };
    return { ...this.env };
  }

  private state(i: number): ChoiceState {
    let st = this.choices.get(i);
    if (!st) this.choices.set(i, (st = { calls: [], byRawIndex: new Map(), opened: 0, roleSent: false, finished: false }));
    return st;
  }

  private chunk(i: number, st: ChoiceState, delta: Delta, finish: FinishReason | null): ChatCompletionChunk {
    if (!st.roleSent) {
      delta = { role: 'assistant', ...delta };
      st.roleSent = true;
    }
    return { ...this.envelope(), choices: [{ index: i, delta, finish_reason: finish, logprobs: null }] };
  }

  private pushChoice(c: Obj, pos: number, out: ChatCompletionChunk[]): void {
    const i = index(c.index) ?? pos;
    const st = this.state(i);
    const d = isRecord(c.delta) ? c.delta : {};
    const delta: Delta = {};
    const [content, refusal] = [text(d.content), str(d.refusal)];
    if (content) delta.content = content;
    if (refusal) delta.refusal = refusal;
    const calls: ToolCallDelta[] = [];
    for (const rc of rawCalls(d).map(readCall)) if (rc) this.applyCall(st, i, rc, calls);
    if (calls.length > 0) delta.tool_calls = calls;
    if (Object.keys(delta).length > 0 || (!st.roleSent && d.role !== undefined)) out.push(this.chunk(i, st, delta, null));
    if (!st.finished && str(c.finish_reason)) out.push(...this.close(i, st, c.finish_reason));
  }

  /**
   * Which call a delta continues, or a new one. An index (or, without one, the id, else the last call)
   * names the candidate; a different id with a name, or a name after complete arguments, starts a call.
   */
  private target(st: ChoiceState, rc: RawCall): CallState {
    const byId = rc.id ? [...st.calls].reverse().find((c) => c.upstreamId === rc.id) : undefined;
    const candidate = rc.index !== undefined ? st.byRawIndex.get(rc.index) : (byId ?? st.last);
    // Parsing the arguments so far costs on every delta of a long call: only when an id or a name asks.
    const complete = () => isCompleteJson(candidate!.args);
    const startsNew =
      !candidate ||
      (rc.id !== undefined && candidate.upstreamId !== undefined && rc.id !== candidate.upstreamId && (rc.name !== undefined || complete())) ||
      (rc.name !== undefined && candidate.name !== '' && (rc.name !== candidate.name || complete()));
    if (!startsNew) return candidate;
    const call: CallState = { name: '', args: '' };
    st.calls.push(call);
    return call;
  }

  private applyCall(st: ChoiceState, i: number, rc: RawCall, out: ToolCallDelta[]): void {
    if (!rc.id && !rc.name && !rc.args) return; // index/type-only deltas carry nothing
    const call = this.target(st, rc);
    if (rc.id && !call.upstreamId) {
      call.upstreamId = rc.id;
      // Keep the upstream's id unless another call already has it (two answers could not tell them apart).
      if (call.out === undefined && !st.calls.some((c) => c.id === rc.id)) call.id = rc.id;
    }
    if (rc.name && !call.name) call.name = rc.name;
    call.args += rc.args;
    if (rc.index !== undefined) st.byRawIndex.set(rc.index, call);
    st.last = call;
    // A call goes out once it has a name, so its first delta carries id, type and name as OpenAI's do.
    if (call.out === undefined) {
      if (call.name) out.push(this.open(st, i, call));
    } else if (rc.args) out.push({ index: call.out, function: { arguments: rc.args } });
  }

  private open(st: ChoiceState, i: number, call: CallState): ToolCallDelta {
    call.out = st.opened++;
    call.id ??= stableCallId(this.envelope().id, i, call.out);
    return { index: call.out, id: call.id, type: 'function', function: { name: call.name, arguments: call.args } };
  }

  private close(i: number, st: ChoiceState, reason: unknown): ChatCompletionChunk[] {
    const pending: ToolCallDelta[] = [];
    for (const call of st.calls) {
      const empty = call.args.trim() === '';
      if (call.out === undefined) {
        if (empty) call.args = '{}';
        pending.push(this.open(st, i, call));
      } else if (empty) {
        call.args = '{}';
        pending.push({ index: call.out, function: { arguments: '{}' } });
      }
    }
    st.finished = true;
    const out = pending.length > 0 ? [this.chunk(i, st, { tool_calls: pending }, null)] : [];
    out.push(this.chunk(i, st, {}, mapFinishReason(reason, st.calls.length > 0)));
    return out;
  }
}
