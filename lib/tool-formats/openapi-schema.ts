/**
 * An OpenAPI Schema Object as the JSON Schema a tool's parameters take: `$ref`s inlined against the
 * document, then OpenAPI 3.0's own forms (`nullable`, `example`, boolean `exclusiveMinimum`) written the
 * JSON Schema way and the OpenAPI-only keywords dropped. 3.1 schemas are JSON Schema already: their type
 * arrays, `const` and `examples` pass unchanged.
 */
import { isRecord, own } from '@/lib/util/json';
import { keywordKind } from '@/lib/util/schema-keywords';
import { inlineWithin, type InlineBudget } from './refs';
import type { FormatChange } from './types';

/** One import: the document refs resolve in, the budget they share, and the report. */
export interface OpenApiImport {
  document: Record<string, unknown>;
  budget: InlineBudget;
  changes: FormatChange[];
}

/** Keywords of the OpenAPI Schema Object that JSON Schema has not: no meaning to a model. */
const OPENAPI_ONLY = ['discriminator', 'xml', 'externalDocs'];

/**
 * The schema inlined and adapted, for a place `enclosing` levels down in the tool. Its changes are
 * returned, not reported, so a caller that moves the schema can say where it ended up.
 */
export function schemaForTool(
  run: OpenApiImport,
  schema: unknown,
  tool: string,
  path: string,
  enclosing: number,
): { schema: unknown; changes: FormatChange[] } {
  const inlined = inlineWithin(schema, { root: run.document, tool, path }, run.budget, enclosing);
  const changes = inlined.changes;
  return { schema: adapt(inlined.schema, path, (at, message) => changes.push({ tool, ...(at ? { path: at } : {}), message })), changes };
}

/** `application/json` or any `+json` media type's schema in a `content` map. */
export function jsonContentSchema(content: unknown): { found: true; schema: unknown } | { found: false; mediaTypes: string[] } {
  if (!isRecord(content)) return { found: false, mediaTypes: [] };
  const types = Object.keys(content);
  const json = types.find((type) => type.split(';')[0].trim().toLowerCase() === 'application/json') ?? types.find((type) => /^[^;]*\+json\s*(;|$)/i.test(type));
  const media = json === undefined ? undefined : own(content, json);
  if (!isRecord(media)) return { found: false, mediaTypes: types };
  return { found: true, schema: own(media, 'schema') ?? {} };
}

type Note = (path: string, message: string) => void;

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Rewrites the (freshly inlined, so unshared) schema in place; the output is depth-bounded by inlining. */
function adapt(schema: unknown, path: string, note: Note): unknown {
  if (!isRecord(schema)) return schema;
  for (const [key, value] of Object.entries(schema)) {
    const kind = keywordKind(key);
    const at = join(path, key);
    if (kind === 'map' && isRecord(value)) {
      for (const [name, item] of Object.entries(value)) value[name] = adapt(item, join(at, name), note);
    } else if ((kind === 'list' || kind === 'schema') && Array.isArray(value)) {
      value.forEach((item, index) => (value[index] = adapt(item, `${at}[${index}]`, note)));
    } else if (kind === 'schema') {
      schema[key] = adapt(value, at, note);
    }
  }
  for (const keyword of OPENAPI_ONLY) {
    if (Object.hasOwn(schema, keyword)) {
      delete schema[keyword];
      note(join(path, keyword), `${keyword} dropped: an OpenAPI keyword JSON Schema has not.`);
    }
  }
  if (Object.hasOwn(schema, 'example')) {
    if (!Object.hasOwn(schema, 'examples')) schema.examples = [schema.example];
    delete schema.example;
    note(join(path, 'example'), 'example written as examples (the JSON Schema keyword).');
  }
  exclusiveBound(schema, 'exclusiveMinimum', 'minimum', path, note);
  exclusiveBound(schema, 'exclusiveMaximum', 'maximum', path, note);
  return Object.hasOwn(schema, 'nullable') ? nullable(schema, path, note) : schema;
}

/** OpenAPI 3.0's `exclusiveMinimum: true` beside `minimum` is JSON Schema's `exclusiveMinimum: <number>`. */
function exclusiveBound(schema: Record<string, unknown>, exclusive: string, bound: string, path: string, note: Note): void {
  const flag = own(schema, exclusive);
  if (typeof flag !== 'boolean') return;
  const limit = own(schema, bound);
  if (flag && typeof limit === 'number') {
    schema[exclusive] = limit;
    delete schema[bound];
    note(join(path, exclusive), `${exclusive}: true with ${bound} ${limit} written as ${exclusive}: ${limit}.`);
  } else {
    delete schema[exclusive];
    note(join(path, exclusive), `${exclusive}: ${flag} dropped (the boolean form is OpenAPI 3.0's; ${flag ? `no ${bound} beside it` : 'it changed nothing'}).`);
  }
}

/** OpenAPI 3.0's `nullable: true` as JSON Schema: null added to the type (and the enum), or as an alternative. */
function nullable(schema: Record<string, unknown>, path: string, note: Note): Record<string, unknown> {
  const flag = schema.nullable;
  delete schema.nullable;
  const at = join(path, 'nullable');
  if (flag !== true) return schema;
  const type = own(schema, 'type');
  const enumeration = own(schema, 'enum');
  if (Array.isArray(enumeration) && !enumeration.includes(null)) schema.enum = [...enumeration, null];
  if (typeof type === 'string' || Array.isArray(type)) {
    const types = typeof type === 'string' ? [type] : type;
    schema.type = types.includes('null') ? types : [...types, 'null'];
    note(at, `nullable: true written as type ${JSON.stringify(schema.type)}.`);
    return schema;
  }
  const alternatives = ['anyOf', 'oneOf'].find((keyword) => Array.isArray(own(schema, keyword)));
  if (alternatives !== undefined) {
    (schema[alternatives] as unknown[]).push({ type: 'null' });
    note(at, `nullable: true written as a { "type": "null" } branch of ${alternatives}.`);
    return schema;
  }
  const allOf = own(schema, 'allOf');
  if (Array.isArray(allOf) && allOf.length === 1) {
    // The common `allOf: [{ $ref }]` + nullable: the one schema or null, at the same depth.
    delete schema.allOf;
    schema.anyOf = [allOf[0], { type: 'null' }];
    note(at, 'nullable: true written as anyOf [the schema, { "type": "null" }].');
    return schema;
  }
  note(
    at,
    Array.isArray(allOf)
      ? 'nullable: true dropped: null cannot be added to an allOf of several schemas without nesting it deeper.'
      : 'nullable: true dropped: with no type here the schema already accepts null.',
  );
  return schema;
}
