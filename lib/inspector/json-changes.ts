/**
 * What the normalizer changed in one chunk: the paths where the provider's event and the event our
 * server sent differ, in words a person can scan (`choices[0].delta.tool_calls[0].function.arguments`).
 * Bounded: at most `max` changes, and values no deeper than the proxy lets through.
 */
import { isRecord } from '@/lib/util/json';

export interface JsonChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const step = (path: string, key: string) => (IDENTIFIER.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`);

export function jsonChanges(before: unknown, after: unknown, max = 50): JsonChange[] {
  const out: JsonChange[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (out.length >= max) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const at = `${path}[${i}]`;
        if (i >= a.length) out.push({ path: at, kind: 'added', after: b[i] });
        else if (i >= b.length) out.push({ path: at, kind: 'removed', before: a[i] });
        else walk(a[i], b[i], at);
        if (out.length >= max) return;
      }
      return;
    }
    if (isRecord(a) && isRecord(b)) {
      for (const key of Object.keys(a)) {
        if (!Object.hasOwn(b, key)) out.push({ path: step(path, key), kind: 'removed', before: a[key] });
        else walk(a[key], b[key], step(path, key));
        if (out.length >= max) return;
      }
      for (const key of Object.keys(b)) {
        if (!Object.hasOwn(a, key)) out.push({ path: step(path, key), kind: 'added', after: b[key] });
        if (out.length >= max) return;
      }
      return;
    }
    if (a !== b) out.push({ path: path || '(the whole event)', kind: 'changed', before: a, after: b });
  };
  walk(before, after, '');
  return out;
}

export type ChunkComparison =
  /** Our server sent the provider's event byte for byte. */
  | { kind: 'same' }
  /** The normalizer held the event back (its content went out later, or was not needed). */
  | { kind: 'held' }
  /** The provider's text is not JSON (an error or a marker such as [DONE]): shown as it is. */
  | { kind: 'text' }
  | { kind: 'changed'; changes: JsonChange[] };

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** How what we sent for a chunk differs from what the provider sent; changes against the first event sent. */
export function compareChunk(provider: string, sent: readonly string[]): ChunkComparison {
  if (sent.length === 1 && sent[0] === provider) return { kind: 'same' };
  if (sent.length === 0) return { kind: 'held' };
  const before = parse(provider);
  if (!before.ok) return { kind: 'text' };
  const changes: JsonChange[] = [];
  sent.forEach((text, i) => {
    const after = parse(text);
    if (!after.ok) return;
    const prefix = sent.length > 1 ? `event ${i + 1}: ` : '';
    for (const change of jsonChanges(before.value, after.value)) changes.push({ ...change, path: prefix + change.path });
  });
  return changes.length ? { kind: 'changed', changes } : { kind: 'same' };
}
