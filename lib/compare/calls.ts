/**
 * A tool call as Compare sees it: its function and its arguments parsed once, with a key that is the
 * same for two calls exactly when they call the same function with the same arguments after JSON
 * normalisation (key order and whitespace do not count). Arguments that are not JSON are compared as
 * their trimmed text.
 */
import { canonicalJson, isRecord } from '@/lib/util/json';

export interface CallLike {
  name: string;
  /** The arguments text exactly as the model sent it. */
  arguments: string;
}

export interface ComparedCall extends CallLike {
  /** The arguments when they are a JSON object; null when they are not JSON, or JSON of another kind. */
  object: Record<string, unknown> | null;
  /** The arguments normalised: canonical JSON, or the trimmed text when they are not JSON. */
  normalised: string;
  /** Function and normalised arguments: equal keys are the same call. */
  key: string;
}

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text.trim() === '' ? '{}' : text) };
  } catch {
    return { ok: false };
  }
}

export function compareCall(call: CallLike): ComparedCall {
  const parsed = parse(call.arguments);
  const normalised = parsed.ok ? canonicalJson(parsed.value) : call.arguments.trim();
  return {
    name: call.name,
    arguments: call.arguments,
    object: parsed.ok && isRecord(parsed.value) ? parsed.value : null,
    normalised,
    key: `${call.name}\n${normalised}`,
  };
}

/** Whether two calls are the same function with the same arguments after JSON normalisation. */
export function sameCall(a: CallLike, b: CallLike): boolean {
  return compareCall(a).key === compareCall(b).key;
}
