/**
 * A tool made from an example of its arguments: any JSON object that is no tools format becomes one
 * tool whose parameters schema is inferred from it, for a person who has a sample call and no schema.
 */
import { isRecord, setOwn } from '@/lib/util/json';
import type { DraftRead } from './draft';

export const EXAMPLE_TOOL_NAME = 'example_tool';

/** String formats worth naming, tried in order: the first whose pattern matches the whole string. */
const FORMATS: ReadonlyArray<[string, RegExp]> = [
  ['date-time', /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/],
  ['date', /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/],
  ['time', /^\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$/],
  ['email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/],
  ['uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i],
  ['uri', /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i],
];

/**
 * A JSON Schema the example satisfies: types, nested objects, every present key required, arrays' items
 * merged from all elements (objects' keys united, required only where every element has them).
 */
export function inferSchema(example: unknown): Record<string, unknown> {
  if (example === null) return { type: 'null' };
  if (Array.isArray(example)) {
    if (example.length === 0) return { type: 'array' };
    return { type: 'array', items: example.map(inferSchema).reduce(mergeSchemas) };
  }
  if (isRecord(example)) {
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(example)) setOwn(properties, key, inferSchema(value));
    const required = Object.keys(example);
    return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
  }
  if (typeof example === 'number') return { type: Number.isInteger(example) ? 'integer' : 'number' };
  if (typeof example === 'boolean') return { type: 'boolean' };
  if (typeof example === 'string') {
    const format = FORMATS.find(([, pattern]) => pattern.test(example))?.[0];
    return { type: 'string', ...(format ? { format } : {}) };
  }
  return {};
}

/**
 * One schema both values satisfy. `a` is the accumulator, always a fresh schema, and grows in place, so
 * a long list costs time in proportion to its size.
 */
function mergeSchemas(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  if (a.type === 'object' && b.type === 'object') {
    const properties = a.properties as Record<string, Record<string, unknown>>;
    const added = b.properties as Record<string, Record<string, unknown>>;
    for (const [key, schema] of Object.entries(added)) setOwn(properties, key, Object.hasOwn(properties, key) ? mergeSchemas(properties[key], schema) : schema);
    const inBoth = ((a.required as string[] | undefined) ?? []).filter((key) => Object.hasOwn(added, key));
    if (inBoth.length > 0) a.required = inBoth;
    else delete a.required;
    return a;
  }
  if (a.type === 'array' && b.type === 'array') {
    if (a.items === undefined || b.items === undefined) return a.items === undefined ? b : a;
    a.items = mergeSchemas(a.items as Record<string, unknown>, b.items as Record<string, unknown>);
    return a;
  }
  if (a.type === b.type && a.type !== undefined) return a.format === b.format ? a : { type: a.type };
  const numbers = new Set([a.type, b.type]);
  if (numbers.has('integer') && numbers.has('number') && numbers.size === 2) return { type: 'number' };
  // Different types: one anyOf branch per type, each merged, so a long mixed list stays a few branches.
  const branches = Array.isArray(a.anyOf) ? [...(a.anyOf as Record<string, unknown>[])] : [a];
  for (const branch of Array.isArray(b.anyOf) ? (b.anyOf as Record<string, unknown>[]) : [b]) {
    const same = branches.findIndex((other) => numeric(other.type) === numeric(branch.type));
    if (same === -1) branches.push(branch);
    else branches[same] = mergeSchemas(branches[same], branch);
  }
  return { anyOf: branches };
}

/** integer and number merge into number, so they share a branch. */
function numeric(type: unknown): unknown {
  return type === 'integer' ? 'number' : type;
}

export function readExample(value: unknown): DraftRead | { error: string } {
  if (!isRecord(value)) return { error: 'A schema is inferred from an example object (the arguments of one call): this is not a JSON object.' };
  return {
    drafts: [
      {
        name: EXAMPLE_TOOL_NAME,
        parameters: inferSchema(value),
        notes: [
          { message: `Not a tools format: read as an example of the arguments, one tool named ${EXAMPLE_TOOL_NAME} (rename it and add a description).` },
          { path: 'parameters', message: 'The schema is inferred from the example: every key present is required; check the types and add descriptions.' },
        ],
      },
    ],
    changes: [],
  };
}
