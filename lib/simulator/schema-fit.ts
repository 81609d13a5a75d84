/**
 * Whether a value someone else wrote (a tool result's field) already meets a schema, so a structured
 * answer can take it as it is. Conservative: a keyword it does not read (`not`, `if`, `patternProperties`,
 * `contains`…) counts as not met, and the filler makes a value of its own instead — the answer stays
 * valid by construction, as the arguments do.
 */
import { isRecord, own } from '@/lib/util/json';
import { sameValue } from './context';
import {
  candidateTypes, flatten, merge, numberKeyword, schemaList, schemaMap, stringList, toSchema, typesOf, type JsonSchema,
} from './schema';
import { meetsString } from './strings';
import { fitNumber } from './values';

const MAX_DEPTH = 8;
const MAX_ITEMS = 200;
const UNREAD = ['not', 'if', 'then', 'else', 'patternProperties', 'contains', 'propertyNames', 'prefixItems', 'dependentRequired',
  'dependentSchemas', 'dependencies', 'unevaluatedProperties', 'unevaluatedItems', 'additionalItems'];

export function fitsSchema(value: unknown, raw: JsonSchema, root: JsonSchema, depth = 0): boolean {
  if (depth > MAX_DEPTH || value === undefined) return false;
  const schema = flatten(raw, root);
  if (UNREAD.some((keyword) => keyword in schema) || Array.isArray(schema.items)) return false;
  if ('const' in schema && !sameValue(schema.const, value)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => sameValue(option, value))) return false;
  const { anyOf: _anyOf, oneOf: _oneOf, ...base } = schema;
  const anyOf = schemaList(schema, 'anyOf');
  if (anyOf.length && !anyOf.some((branch) => fitsSchema(value, merge(base, flatten(toSchema(branch), root)), root, depth + 1))) return false;
  const oneOf = schemaList(schema, 'oneOf');
  if (oneOf.length && oneOf.filter((branch) => fitsSchema(value, merge(base, flatten(toSchema(branch), root)), root, depth + 1)).length !== 1) {
    return false;
  }
  // Without `type`, the keywords imply one only when there are some; `{}` takes anything.
  const declared = typesOf(schema);
  const implied = Object.keys(schema).some((keyword) => !['description', 'title', 'default', 'examples', '$schema', '$id', '$defs', 'definitions'].includes(keyword));
  const types = declared ?? (implied && !anyOf.length && !oneOf.length && !('const' in schema) && !('enum' in schema) ? candidateTypes(schema) : undefined);
  if (types && !types.some((type) => hasType(value, type))) return false;
  if (typeof value === 'string') return meetsString(value, schema);
  // Past 2^53 Ajv's multipleOf check (parseInt of the quotient) fails even for whole numbers.
  if (typeof value === 'number') {
    return Number.isFinite(value) && fitNumber(value, schema, false, 0) === value && !('multipleOf' in schema && Math.abs(value) > Number.MAX_SAFE_INTEGER);
  }
  if (Array.isArray(value)) return fitsArray(value, schema, root, depth);
  if (isRecord(value)) return fitsObject(value, schema, root, depth);
  return true;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isRecord(value);
    default:
      return typeof value === type;
  }
}

function fitsArray(value: unknown[], schema: JsonSchema, root: JsonSchema, depth: number): boolean {
  if (value.length > MAX_ITEMS) return false;
  if (value.length < (numberKeyword(schema, 'minItems') ?? 0) || value.length > (numberKeyword(schema, 'maxItems') ?? Infinity)) return false;
  if (schema.uniqueItems === true && value.some((item, i) => value.findIndex((other) => sameValue(other, item)) !== i)) return false;
  if (schema.items === false) return value.length === 0;
  const items = toSchema(schema.items);
  return value.every((item) => fitsSchema(item, items, root, depth + 1));
}

function fitsObject(value: Record<string, unknown>, schema: JsonSchema, root: JsonSchema, depth: number): boolean {
  const keys = Object.keys(value);
  if (keys.length > MAX_ITEMS) return false;
  if (keys.length < (numberKeyword(schema, 'minProperties') ?? 0) || keys.length > (numberKeyword(schema, 'maxProperties') ?? Infinity)) return false;
  if (stringList(schema, 'required').some((key) => !Object.hasOwn(value, key))) return false;
  const properties = schemaMap(schema, 'properties');
  const extra = schema.additionalProperties;
  return keys.every((key) => {
    const property = own(properties, key);
    if (property) return fitsSchema(value[key], property, root, depth + 1);
    if (extra === false) return false;
    return extra === undefined || extra === true || fitsSchema(value[key], toSchema(extra), root, depth + 1);
  });
}
