/**
 * Just enough JSON Schema reading for argument filling: local `$ref`s resolved, `allOf` merged, the type
 * chosen, and the numeric and string bounds a value must meet. Tool schemas come from people typing in an
 * editor, so every reader tolerates missing or odd keywords.
 */

import { spend } from './budget';
import { own, setOwn } from '@/lib/util/json';

export type JsonSchema = { [keyword: string]: unknown };

const MAX_REF_DEPTH = 16;

export function isSchemaObject(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function numberKeyword(schema: JsonSchema, keyword: string): number | undefined {
  const value = schema[keyword];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function stringKeyword(schema: JsonSchema, keyword: string): string | undefined {
  const value = schema[keyword];
  return typeof value === 'string' ? value : undefined;
}

export function schemaMap(schema: JsonSchema, keyword: string): Record<string, JsonSchema> {
  const value = schema[keyword];
  if (!isSchemaObject(value)) return {};
  const map: Record<string, JsonSchema> = {};
  for (const [key, item] of Object.entries(value)) setOwn(map, key, toSchema(item));
  return map;
}

export function schemaList(schema: JsonSchema, keyword: string): JsonSchema[] {
  const value = schema[keyword];
  return Array.isArray(value) ? value.map(toSchema) : [];
}

export function stringList(schema: JsonSchema, keyword: string): string[] {
  const value = schema[keyword];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** `true` and missing schemas accept anything; `false` accepts nothing and is marked so. */
export function toSchema(value: unknown): JsonSchema {
  if (value === false) return { not: {} };
  return isSchemaObject(value) ? value : {};
}

/**
 * The schema with `$ref` (to `#/…` inside `root`) replaced by its target and `allOf` folded in, so the
 * filler sees one flat set of keywords.
 */
export function flatten(schema: JsonSchema, root: JsonSchema, depth = 0): JsonSchema {
  if (depth > MAX_REF_DEPTH) return schema;
  let flat = schema;
  const ref = stringKeyword(flat, '$ref');
  // Each resolution and merge is counted: `allOf`s of two `$ref`s to the next level double at each one.
  if (ref !== undefined && spend('merges')) {
    const { $ref: _ref, ...rest } = flat;
    flat = merge(flatten(resolvePointer(root, ref), root, depth + 1), rest);
  }
  const parts = schemaList(flat, 'allOf');
  if (parts.length) {
    const { allOf: _allOf, ...rest } = flat;
    flat = parts.reduce<JsonSchema>((merged, part) => (spend('merges') ? merge(merged, flatten(part, root, depth + 1)) : merged), rest);
  }
  return flat;
}

function resolvePointer(root: JsonSchema, ref: string): JsonSchema {
  if (!ref.startsWith('#')) return {};
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isSchemaObject(node) || Array.isArray(node) ? own(node as Record<string, unknown>, key) : undefined;
  }
  return toSchema(node);
}

/** Both schemas' constraints at once: properties and required lists unite, bounds tighten. */
export function merge(a: JsonSchema, b: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...a, ...b };
  const propsA = schemaMap(a, 'properties');
  const propsB = schemaMap(b, 'properties');
  if (Object.keys(propsA).length || Object.keys(propsB).length) {
    const props: Record<string, JsonSchema> = { ...propsA };
    for (const [key, value] of Object.entries(propsB)) {
      const mine = own(props, key);
      setOwn(props, key, mine ? merge(mine, value) : value);
    }
    merged.properties = props;
  }
  const required = [...new Set([...stringList(a, 'required'), ...stringList(b, 'required')])];
  if (required.length) merged.required = required;
  const typesA = typesOf(a);
  const typesB = typesOf(b);
  if (typesA && typesB) {
    const common = typesA.filter((type) => typesB.includes(type) || (type === 'integer' && typesB.includes('number')));
    const widened = typesB.filter((type) => type === 'integer' && typesA.includes('number'));
    merged.type = [...new Set([...common, ...widened])];
  }
  for (const [keyword, pick] of [['minimum', Math.max], ['maximum', Math.min], ['minLength', Math.max], ['maxLength', Math.min],
    ['minItems', Math.max], ['maxItems', Math.min], ['exclusiveMinimum', Math.max], ['exclusiveMaximum', Math.min],
    ['minProperties', Math.max], ['maxProperties', Math.min]] as const) {
    const x = numberKeyword(a, keyword);
    const y = numberKeyword(b, keyword);
    if (x !== undefined && y !== undefined) merged[keyword] = pick(x, y);
  }
  return merged;
}

export type SchemaType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';
const TYPES: SchemaType[] = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];

/** The declared types, or undefined when the schema does not say. */
export function typesOf(schema: JsonSchema): SchemaType[] | undefined {
  const type = schema.type;
  if (typeof type === 'string') return TYPES.includes(type as SchemaType) ? [type as SchemaType] : [];
  if (Array.isArray(type)) return type.filter((item): item is SchemaType => TYPES.includes(item as SchemaType));
  return undefined;
}

/** The types to try, in order: declared ones (null last), else what the keywords imply. */
export function candidateTypes(schema: JsonSchema): SchemaType[] {
  const declared = typesOf(schema);
  if (declared) return [...declared.filter((type) => type !== 'null'), ...declared.filter((type) => type === 'null')];
  if ('properties' in schema || 'required' in schema || 'additionalProperties' in schema) return ['object'];
  if ('items' in schema || 'prefixItems' in schema || 'minItems' in schema) return ['array'];
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].some((k) => k in schema)) return ['number'];
  return ['string'];
}

/** Inclusive numeric bounds, with draft-4 boolean and draft-6+ numeric exclusive bounds both read. */
export function numericRange(schema: JsonSchema, integer: boolean): { low: number; high: number } {
  let low = numberKeyword(schema, 'minimum') ?? -Infinity;
  let high = numberKeyword(schema, 'maximum') ?? Infinity;
  const step = integer ? 1 : 0;
  const exMin = schema.exclusiveMinimum;
  const exMax = schema.exclusiveMaximum;
  if (exMin === true) low = nextAbove(low, step);
  if (exMax === true) high = nextBelow(high, step);
  if (typeof exMin === 'number') low = Math.max(low, nextAbove(exMin, step));
  if (typeof exMax === 'number') high = Math.min(high, nextBelow(exMax, step));
  if (integer) {
    low = Math.ceil(low);
    high = Math.floor(high);
  }
  return { low, high };
}

function nextAbove(value: number, step: number): number {
  if (step) return Math.floor(value) + 1;
  return value + Math.max(Math.abs(value) * 1e-9, 1e-9);
}

function nextBelow(value: number, step: number): number {
  if (step) return Math.ceil(value) - 1;
  return value - Math.max(Math.abs(value) * 1e-9, 1e-9);
}
