/**
 * A schema made compatible with OpenAI strict mode (rules in rules/keywords.ts): every object gets
 * `additionalProperties: false` and lists every property in `required`, the ones that were optional made
 * nullable (null stands for "not given"); oneOf becomes anyOf, a mergeable allOf is merged, and the
 * other keywords strict mode rejects are dropped. Every change is reported.
 */
import { isRecord, own, setOwn } from '@/lib/util/json';
import { STRICT_TYPE_KEYWORDS, STRICT_UNSUPPORTED } from './rules/keywords';
import { isObjectSchema, rewriteSchemas, typeNames, without } from './rules/walk';
import type { FormatChange } from './types';

type Report = (path: string, message: string) => void;

const PRIMITIVE_TYPES = new Set(['string', 'number', 'integer', 'boolean']);
/** What stands for a schema without a type ("any value"), as near as strict mode can say it. */
const ANY_SCALAR = [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }];

export function makeStrict(parameters: unknown, tool: string | null = null): { schema: Record<string, unknown>; changes: FormatChange[] } {
  const changes: FormatChange[] = [];
  const report: Report = (path, message) => changes.push({ tool, path, message });
  let root: Record<string, unknown> = {};
  if (isRecord(parameters)) root = parameters;
  else report('parameters', 'not an object schema: replaced by an empty object schema.');
  if (own(root, 'type') === undefined) {
    root = { type: 'object', ...root };
    report('parameters.type', '"type": "object" added (strict mode needs an object at the top).');
  }
  const schema = rewriteSchemas(root, (node, path) => strictNode(node, path, report), 'parameters') as Record<string, unknown>;
  return { schema, changes };
}

function strictNode(node: Record<string, unknown>, path: string, report: Report): Record<string, unknown> {
  const merged = mergeAllOf(node, path, report);
  if (merged !== node) return strictNode(merged, path, report);
  const out = without(node, STRICT_UNSUPPORTED);
  const oneOf = own(node, 'oneOf');
  if (Array.isArray(oneOf) && own(node, 'anyOf') === undefined) {
    out.anyOf = oneOf;
    report(`${path}.oneOf`, 'oneOf changed to anyOf (strict mode has no oneOf; anyOf accepts the same values when the branches do not overlap).');
  }
  for (const key of STRICT_UNSUPPORTED) {
    if (Object.hasOwn(node, key) && !(key === 'oneOf' && out.anyOf === oneOf)) report(`${path}.${key}`, `${key} dropped: strict mode does not support it (check it in the function instead).`);
  }
  if (isObjectSchema(out)) return strictObject(out, path, report);
  if (!STRICT_TYPE_KEYWORDS.some((key) => Object.hasOwn(out, key))) {
    report(path, 'no type: written as any of string, number, boolean (strict mode needs a type on every schema and has no free-form objects or arrays).');
    return { ...out, anyOf: ANY_SCALAR.map((branch) => ({ ...branch })) };
  }
  return out;
}

/** allOf's schemas folded into the node when none refers elsewhere and no keyword conflicts; else the node. */
function mergeAllOf(node: Record<string, unknown>, path: string, report: Report): Record<string, unknown> {
  const allOf = own(node, 'allOf');
  if (!Array.isArray(allOf) || !allOf.every((item) => isRecord(item) && own(item, '$ref') === undefined)) return node;
  const out = without(node, ['allOf']);
  for (const item of allOf as Array<Record<string, unknown>>) {
    for (const [key, value] of Object.entries(item)) {
      const before = own(out, key);
      if (key === 'properties' && isRecord(before) && isRecord(value)) setOwn(out, key, { ...before, ...value });
      else if (key === 'required' && Array.isArray(before) && Array.isArray(value)) setOwn(out, key, [...new Set([...before, ...value])]);
      else if (before === undefined || JSON.stringify(before) === JSON.stringify(value)) setOwn(out, key, value);
      else return node;
    }
  }
  report(`${path}.allOf`, 'allOf merged into one schema (strict mode has no allOf).');
  return out;
}

function strictObject(node: Record<string, unknown>, path: string, report: Report): Record<string, unknown> {
  const out: Record<string, unknown> = own(node, 'type') === undefined ? { type: 'object', ...node } : { ...node };
  const additional = own(node, 'additionalProperties');
  if (additional !== false) {
    out.additionalProperties = false;
    report(
      `${path}.additionalProperties`,
      additional === undefined
        ? 'additionalProperties: false added (strict mode needs it on every object).'
        : `additionalProperties ${JSON.stringify(additional).slice(0, 80)} replaced by false (strict mode needs it on every object; other keys are refused now).`,
    );
  }
  const properties = isRecord(own(node, 'properties')) ? (own(node, 'properties') as Record<string, unknown>) : {};
  if (!isRecord(own(node, 'properties'))) out.properties = properties;
  const required = own(node, 'required');
  const listed = new Set(Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : []);
  for (const name of listed) if (!Object.hasOwn(properties, name)) report(`${path}.required`, `"${name}" removed from required: there is no such property.`);
  const nextProperties: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (listed.has(name)) {
      setOwn(nextProperties, name, property);
      continue;
    }
    setOwn(nextProperties, name, nullable(property));
    report(`${path}.properties.${name}`, `"${name}" added to required and made nullable (strict mode needs every property in "required"; null stands for "not given").`);
  }
  out.properties = nextProperties;
  out.required = Object.keys(properties);
  return out;
}

/** The schema accepting null as well: a type list for a plain primitive, else anyOf with {type: null}. */
function nullable(schema: unknown): unknown {
  if (!isRecord(schema) || acceptsNull(schema)) return schema;
  const types = typeNames(schema);
  const plain = ['enum', 'const', 'anyOf', '$ref'].every((key) => own(schema, key) === undefined);
  if (plain && types.length > 0 && types.every((type) => PRIMITIVE_TYPES.has(type))) return { ...schema, type: [...types, 'null'] };
  const anyOf = own(schema, 'anyOf');
  if (Array.isArray(anyOf) && Object.keys(schema).every((key) => key === 'anyOf' || key === 'description')) return { ...schema, anyOf: [...anyOf, { type: 'null' }] };
  return { anyOf: [schema, { type: 'null' }] };
}

function acceptsNull(schema: Record<string, unknown>): boolean {
  const values = own(schema, 'enum');
  const anyOf = own(schema, 'anyOf');
  return (
    typeNames(schema).includes('null') ||
    (Array.isArray(values) && values.includes(null)) ||
    (Array.isArray(anyOf) && anyOf.some((item) => isRecord(item) && typeNames(item).includes('null')))
  );
}
