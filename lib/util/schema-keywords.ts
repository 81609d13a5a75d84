/**
 * Where JSON Schema keeps subschemas, for every walk over a schema (the $ref inliner, the provider rules,
 * the format converters, BFCL's dialect): one table, so that a keyword added here is read everywhere.
 */
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
