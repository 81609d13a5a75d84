/**
 * Where JSON Schema keeps subschemas, for every walk over a schema (the $ref inliner, the provider rules,
 * the format converters, BFCL's dialect): one table, so that a keyword added here is read everywhere.
 */
import { isRecord, setOwn } from './json';

/** How a JSON Schema keyword's value is read: a schema, a map or list of schemas, or plain data. */
export type KeywordKind = 'schema' | 'map' | 'list' | 'definitions' | 'data';

const KIND_OF: ReadonlyArray<[KeywordKind, string[]]> = [
  // `dependencies` (draft 7) maps each property to a schema or a list of names; a list is read as data.
  ['map', ['properties', 'patternProperties', 'dependentSchemas', 'dependencies']],
  ['definitions', ['$defs', 'definitions']],
  ['list', ['allOf', 'anyOf', 'oneOf', 'prefixItems']],
  ['schema', ['items', 'additionalItems', 'additionalProperties', 'unevaluatedItems', 'unevaluatedProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'contentSchema']],
];
const KINDS = new Map(KIND_OF.flatMap(([kind, keywords]) => keywords.map((keyword) => [keyword, kind] as const)));

export function keywordKind(keyword: string): KeywordKind {
  return KINDS.get(keyword) ?? 'data';
}

/** What a `mapSchema` keyword rule returns to leave the keyword out of the copy. */
export const DROP = Symbol('drop');

/**
 * A copy of a schema (depth-bounded by the caller) with one rule applied in every subschema: `rule`
 * gives a keyword's new value, DROP to leave it out, or undefined when the keyword is not its concern,
 * which is then copied, or walked into where it holds subschemas.
 */
export function mapSchema(schema: unknown, rule: (key: string, value: unknown) => unknown): unknown {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isRecord(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const own = rule(key, value);
      if (own === DROP) continue;
      if (own !== undefined) {
        setOwn(out, key, own);
        continue;
      }
      const kind = keywordKind(key);
      if ((kind === 'map' || kind === 'definitions') && isRecord(value)) {
        const map: Record<string, unknown> = {};
        for (const [name, item] of Object.entries(value)) setOwn(map, name, walk(item));
        setOwn(out, key, map);
      } else if (kind === 'schema' || (kind === 'list' && Array.isArray(value))) setOwn(out, key, walk(value));
      else setOwn(out, key, value);
    }
    return out;
  };
  return walk(schema);
}
