import 'server-only';
/** The pass-through check for plain replies, apart from the normalizer it must agree with (property-tested). */
import { isRecord } from '@/lib/util/json';
import { mapFinishReason } from './normalize';

const COMPLETION_KEYS = new Set(['id', 'object', 'created', 'model', 'choices', 'usage', 'system_fingerprint']);
const COMPLETION_CHOICE_KEYS = new Set(['index', 'message', 'logprobs', 'finish_reason']);
const MESSAGE_KEYS = new Set(['role', 'content', 'refusal', 'tool_calls']);
const SPEC_FINISH = new Set(['stop', 'length', 'tool_calls', 'content_filter']);
const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;

/**
 * The fast path for plain replies: true when `raw` (the parsed upstream body) is already what
 * `normalizeCompletion` would make of it, so the upstream's own text can be sent. A strict check of
 * OpenAI's shape (every field the spec requires, no field the normalizer would drop or rewrite);
 * anything else, e.g. `prompt_tokens_details` in usage, answers false and goes through the normalizer.
 */
export function isConformantCompletion(raw: unknown): boolean {
  if (!isRecord(raw)) return false;
  for (const key in raw) if (!COMPLETION_KEYS.has(key)) return false;
  if (typeof raw.id !== 'string' || raw.id === '' || raw.object !== 'chat.completion') return false;
  if (!Number.isInteger(raw.created) || (raw.created as number) <= 0 || (raw.created as number) > 1e11) return false;
  if (typeof raw.model !== 'string' || raw.model === '') return false;
  if (raw.system_fingerprint !== undefined && typeof raw.system_fingerprint !== 'string') return false;
  if (raw.usage !== undefined) {
    const u = raw.usage;
    if (!isRecord(u)) return false;
    for (const key in u) if (key !== 'prompt_tokens' && key !== 'completion_tokens' && key !== 'total_tokens') return false;
    if (!isCount(u.prompt_tokens) || !isCount(u.completion_tokens) || !isCount(u.total_tokens)) return false;
  }
  const choices = raw.choices;
  if (!Array.isArray(choices)) return false;
  for (let pos = 0; pos < choices.length; pos++) {
    const c: unknown = choices[pos];
    if (!isRecord(c) || c.index !== pos || c.logprobs !== null) return false;
    for (const key in c) if (!COMPLETION_CHOICE_KEYS.has(key)) return false;
    const m = c.message;
    if (!isRecord(m) || m.role !== 'assistant') return false;
    for (const key in m) if (!MESSAGE_KEYS.has(key)) return false;
    if (m.content !== null && typeof m.content !== 'string') return false;
    if (m.refusal !== null && (typeof m.refusal !== 'string' || m.refusal === '')) return false;
    let calls = 0;
    if (m.tool_calls !== undefined) {
      if (!Array.isArray(m.tool_calls) || m.tool_calls.length === 0) return false;
      const ids = new Set<string>();
      for (const call of m.tool_calls as unknown[]) {
        if (!isRecord(call) || call.type !== 'function' || typeof call.id !== 'string' || call.id === '' || ids.has(call.id)) return false;
        ids.add(call.id);
        for (const key in call) if (key !== 'id' && key !== 'type' && key !== 'function') return false;
        const fn = call.function;
        if (!isRecord(fn) || typeof fn.name !== 'string' || fn.name === '' || typeof fn.arguments !== 'string' || fn.arguments.trim() === '') return false;
        for (const key in fn) if (key !== 'name' && key !== 'arguments') return false;
      }
      calls = ids.size;
      if (typeof m.content === 'string' && m.content.trim() === '') return false;
    }
    if (typeof c.finish_reason !== 'string' || !SPEC_FINISH.has(c.finish_reason) || mapFinishReason(c.finish_reason, calls > 0) !== c.finish_reason) return false;
  }
  return true;
}
