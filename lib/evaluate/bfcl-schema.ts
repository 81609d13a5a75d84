/**
 * BFCL's dialect of JSON Schema and its function names, made into what the Chat Completions API takes:
 * `dict` → object, `float` → number, `tuple` → array, `any` → no constraint (recursively, in properties,
 * items and the other subschema places), BFCL's non-standard `optional` flag dropped (its `required`
 * list already says it); dotted names → OpenAI-valid names (`.` → `_`, as BFCL does for OpenAI models,
 * any other character outside `[a-zA-Z0-9_-]` too, collisions numbered).
 */
import { FUNCTION_NAME_PATTERN } from '@/lib/wire/chat-constants';
import { DROP, mapSchema } from '@/lib/util/schema-keywords';

const TYPES: Record<string, string | null> = { dict: 'object', float: 'number', tuple: 'array', any: null };

const DROPPED = new Set(['optional']);

function convertType(type: unknown): unknown {
  if (typeof type === 'string') return Object.hasOwn(TYPES, type) ? TYPES[type] : type;
  if (Array.isArray(type)) {
    const types = type.map(convertType);
    // `any` among several types: no constraint at all.
    return types.includes(null) ? null : [...new Set(types)];
  }
  return type;
}

/** A BFCL schema as JSON Schema. The input is bounded in depth by the caller. */
export function bfclToJsonSchema(schema: unknown): unknown {
  return mapSchema(schema, (key, value) => {
    if (DROPPED.has(key)) return DROP;
    if (key !== 'type') return undefined;
    return convertType(value) ?? DROP;
  });
}

/**
 * Wire names for a case's functions: `.` (and anything else OpenAI's pattern forbids) → `_`, at most 64
 * characters, a clash with another function's name numbered (`a_b`, `a_b_2`). Returns dataset name →
 * wire name, for every function.
 */
export function wireNames(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set(names.filter((name) => FUNCTION_NAME_PATTERN.test(name)));
  for (const name of names) {
    if (out.has(name)) continue;
    if (FUNCTION_NAME_PATTERN.test(name)) {
      out.set(name, name);
      continue;
    }
    const base = (name.replace(/[^a-zA-Z0-9_-]/g, '_') || 'function').slice(0, 64);
    let wire = base;
    for (let n = 2; taken.has(wire); n++) wire = `${base.slice(0, 64 - String(n).length - 1)}_${n}`;
    taken.add(wire);
    out.set(name, wire);
  }
  return out;
}
