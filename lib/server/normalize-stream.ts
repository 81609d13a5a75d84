import 'server-only';
/**
 * Streamed chunks from an OpenAI-compatible upstream rewritten into spec chunks (normalize.ts has the
 * field readers they share with plain completions).
 */
import type { ChatCompletionChunk, FinishReason, ToolCallDelta, Usage } from '@/lib/wire/chat';
import { isRecord } from '@/lib/util/json';
import {
  str,
  index,
  text,
  isCompleteJson,
  mapFinishReason,
  normalizeUsage,
  unixSeconds,
  stableCallId,
  readCall,
  rawCalls,
  readObject,
  reasoningText,
  fallbackId,
  type Obj,
  type RawCall,
  type NormalizeContext,
} from './normalize';

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
  /** The usage the provider reported so far (read before `finish()`, which sends it and forgets it). */
  get reportedUsage(): Usage | undefined {
    return this.usage;
  }
  /** Upstream chunks accepted; 0 at `[DONE]` means the upstream sent an empty stream. */
  get chunkCount(): number {
    return this.pushed;
  }

  /** One parsed upstream event (or its JSON text). Callers test `isStreamError` first; errors throw here. */
  push(input: unknown): ChatCompletionChunk[] {
    const raw = readObject(input, 'a stream event');
    this.pushed += 1;
    const hidden = this.ctx.redactor;
    if (!this.env) {
      const [id, model] = [str(raw.id) ?? fallbackId(this.ctx), str(raw.model) ?? this.ctx.model];
      // Redacted here, so a later chunk that repeats a secret in them never matches (acceptAsIs).
      this.env = { id: hidden ? hidden.text(id) : id, object: 'chat.completion.chunk', created: unixSeconds(raw.created), model: hidden ? hidden.text(model) : model };
    }
    if (typeof raw.system_fingerprint === 'string' && !this.env.system_fingerprint) {
      this.env.system_fingerprint = hidden ? hidden.text(raw.system_fingerprint) : raw.system_fingerprint;
    }
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
   * A strict check of OpenAI's two common chunks, after the first: a text delta (of `content`, or of
   * `reasoning_content`, which DeepSeek streams many of), and a delta of the
   * arguments of a call already opened under the same index. Tolerated differences, both in the
   * spec: `usage: null` (sent while include_usage holds usage back) and an absent `logprobs`. A chunk
   * whose text holds a secret (`ctx.redactor`) is never accepted: `push` gives it to be redacted.
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
    // The one free text of an accepted chunk (the rest equals the redacted envelope): none with a secret.
    const hidden = this.ctx.redactor;
    if (only === 'content' || only === 'reasoning_content') {
      const piece = d[only];
      if (typeof piece !== 'string' || piece === '' || hidden?.has(piece)) return false;
    } else if (only === 'tool_calls') {
      const calls = d.tool_calls;
      if (!Array.isArray(calls) || calls.length !== 1) return false;
      const tc: unknown = calls[0];
      if (!isRecord(tc) || !Number.isInteger(tc.index) || !isRecord(tc.function)) return false;
      for (const key in tc) if (key !== 'index' && key !== 'function') return false;
      const fn = tc.function;
      for (const key in fn) if (key !== 'arguments') return false;
      if (typeof fn.arguments !== 'string' || fn.arguments === '' || hidden?.has(fn.arguments)) return false;
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
    const [content, refusal, reasoning] = [text(d.content), str(d.refusal), reasoningText(d)];
    // Thinking first: a delta with both is one step of a reply whose reasoning precedes its answer.
    if (reasoning) delta.reasoning_content = reasoning;
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
