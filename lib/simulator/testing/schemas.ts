/**
 * fast-check generators for the property tests: varied but satisfiable JSON Schemas (nested objects,
 * arrays, enums, bounded integers and numbers, formats, patterns, const, anyOf/oneOf, $ref, allOf, type
 * lists, required lists, additionalProperties false) and messages full of facts. Test-only.
 */
import fc from 'fast-check';
import Ajv from 'ajv';

export type Schema = Record<string, unknown>;

const NAMES = [
  'location', 'city', 'cities', 'name', 'to', 'body', 'query', 'limit', 'min_revenue', 'created_before', 'birthday',
  'unit', 'email', 'recipients', 'count', 'tags', 'id', 'subject', 'url', 'price', 'enabled', 'include_archived',
  'date', 'notes', 'start_time', 'age', 'x', 'Weird Key', 'q', 'destination', 'when',
];
const FORMATS = ['email', 'date', 'date-time', 'uri', 'uuid', 'time', 'ipv4', 'hostname'];
const PATTERNS = ['^[a-z]+$', '^[A-Z0-9]+$', '^\\d+$', '^[a-z]{3}$'];

type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'object' | 'array';

const description = fc.option(fc.constantFrom('The city and state, e.g. San Francisco, CA', 'Minimum revenue in USD',
  'How many results to return', 'Recipient e-mail address', 'A date', 'Free text'), { nil: undefined });

function withDescription(arb: fc.Arbitrary<Schema>): fc.Arbitrary<Schema> {
  return fc.tuple(arb, description).map(([schema, text]) => (text ? { ...schema, description: text } : schema));
}

const stringSchema: fc.Arbitrary<Schema> = fc.oneof(
  fc.record({ min: fc.option(fc.nat(6), { nil: undefined }), extra: fc.option(fc.nat(40), { nil: undefined }) }).map(({ min, extra }) => ({
    type: 'string',
    ...(min !== undefined ? { minLength: min } : {}),
    ...(extra !== undefined ? { maxLength: (min ?? 0) + extra } : {}),
  })),
  fc.constantFrom(...FORMATS).map((format) => ({ type: 'string', format })),
  fc.uniqueArray(fc.constantFrom('celsius', 'fahrenheit', 'low', 'high', 'in_progress', 'done', 'New York', 'b c'), { minLength: 1, maxLength: 4 })
    .map((options) => ({ type: 'string', enum: options })),
  fc.constantFrom(...PATTERNS).map((pattern) => ({ type: 'string', pattern })),
);

const integerSchema: fc.Arbitrary<Schema> = fc
  .record({
    low: fc.option(fc.integer({ min: -100, max: 100 }), { nil: undefined }),
    width: fc.option(fc.integer({ min: 10, max: 1000 }), { nil: undefined }),
    exclusive: fc.boolean(),
    multipleOf: fc.option(fc.constantFrom(1, 2, 5), { nil: undefined }),
  })
  .map(({ low, width, exclusive, multipleOf }) => {
    const schema: Schema = { type: 'integer' };
    if (low !== undefined) schema[exclusive ? 'exclusiveMinimum' : 'minimum'] = low;
    if (width !== undefined) schema[exclusive ? 'exclusiveMaximum' : 'maximum'] = (low ?? 0) + width;
    if (multipleOf) schema.multipleOf = multipleOf;
    return schema;
  });

const numberSchema: fc.Arbitrary<Schema> = fc
  .record({ low: fc.option(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { nil: undefined }), width: fc.double({ min: 0.5, max: 1e5, noNaN: true }), exclusive: fc.boolean() })
  .map(({ low, width, exclusive }) =>
    low === undefined ? { type: 'number' } : { type: 'number', [exclusive ? 'exclusiveMinimum' : 'minimum']: low, maximum: low + width },
  );

function kindSchema(kind: Kind, depth: number): fc.Arbitrary<Schema> {
  switch (kind) {
    case 'string':
      return withDescription(stringSchema);
    case 'integer':
      return withDescription(integerSchema);
    case 'number':
      return withDescription(numberSchema);
    case 'boolean':
      return fc.constant({ type: 'boolean' });
    case 'null':
      return fc.constant({ type: 'null' });
    case 'object':
      return objectSchema(depth);
    case 'array':
      return arraySchema(depth);
  }
}

const leafSchema: fc.Arbitrary<Schema> = fc.oneof(
  { arbitrary: kindSchema('string', 0), weight: 4 },
  { arbitrary: kindSchema('integer', 0), weight: 3 },
  { arbitrary: kindSchema('number', 0), weight: 1 },
  { arbitrary: kindSchema('boolean', 0), weight: 1 },
  { arbitrary: fc.constantFrom<Schema>({ const: 'fixed' }, { const: 3 }, { enum: [1, 'two', null] }, { type: ['string', 'null'] },
    { type: ['integer', 'string'], minimum: 1 }, {}, { type: 'null' }), weight: 1 },
);

export function anySchema(depth: number): fc.Arbitrary<Schema> {
  if (depth <= 0) return leafSchema;
  return fc.oneof(
    { arbitrary: leafSchema, weight: 5 },
    { arbitrary: objectSchema(depth - 1), weight: 2 },
    { arbitrary: arraySchema(depth - 1), weight: 2 },
    { arbitrary: branchSchema(depth - 1), weight: 1 },
  );
}

/** anyOf / oneOf over branches of different types, so a value can match exactly one. */
function branchSchema(depth: number): fc.Arbitrary<Schema> {
  return fc
    .uniqueArray(fc.constantFrom<Kind>('string', 'integer', 'boolean', 'null', 'object', 'array'), { minLength: 2, maxLength: 3 })
    .chain((kinds) => fc.tuple(fc.constantFrom('anyOf', 'oneOf'), fc.tuple(...kinds.map((kind) => kindSchema(kind, depth)))))
    .map(([keyword, branches]) => ({ [keyword]: branches }));
}

export function objectSchema(depth: number): fc.Arbitrary<Schema> {
  return fc
    .record({
      properties: fc.dictionary(fc.constantFrom(...NAMES), anySchema(depth), { maxKeys: 5 }),
      requiredFlags: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      extras: fc.constantFrom('open', 'closed', 'typed'),
      extraRequired: fc.boolean(),
      minProperties: fc.option(fc.nat(3), { nil: undefined }),
    })
    .map(({ properties, requiredFlags, extras, extraRequired, minProperties }) => {
      const keys = Object.keys(properties);
      const closed = extras === 'closed';
      const required = keys.filter((_, i) => requiredFlags[i]);
      if (extraRequired && !closed) required.push('undeclared');
      const schema: Schema = { type: 'object', properties };
      if (required.length) schema.required = required;
      if (closed) schema.additionalProperties = false;
      if (extras === 'typed') schema.additionalProperties = { type: 'integer', minimum: 1 };
      if (minProperties !== undefined && (!closed || minProperties <= keys.length)) schema.minProperties = minProperties;
      return schema;
    });
}

export function arraySchema(depth: number): fc.Arbitrary<Schema> {
  return fc.oneof({ arbitrary: listSchema(depth), weight: 4 }, { arbitrary: tupleSchema(depth), weight: 1 });
}

/** Draft-07 tuples: positional `items`, optionally closed by `additionalItems: false`. */
function tupleSchema(depth: number): fc.Arbitrary<Schema> {
  return fc
    .record({ items: fc.array(anySchema(depth), { minLength: 1, maxLength: 3 }), closed: fc.boolean(), minItems: fc.nat(3) })
    .map(({ items, closed, minItems }) => ({
      type: 'array',
      items,
      ...(closed ? { additionalItems: false, minItems: Math.min(minItems, items.length) } : { minItems }),
    }));
}

function listSchema(depth: number): fc.Arbitrary<Schema> {
  return fc
    .record({ items: fc.option(anySchema(depth), { nil: undefined }), minItems: fc.nat(3), extra: fc.option(fc.nat(4), { nil: undefined }), unique: fc.boolean() })
    .map(({ items, minItems, extra, unique }) => {
      const schema: Schema = items ? { type: 'array', items } : { type: 'array' };
      if (minItems) schema.minItems = minItems;
      if (extra !== undefined) schema.maxItems = minItems + extra;
      if (unique && items && canBeDistinct(items, minItems)) schema.uniqueItems = true;
      return schema;
    });
}

/** Whether `count` distinct values can exist, so `uniqueItems` stays satisfiable. */
function canBeDistinct(items: Schema, count: number): boolean {
  if (count <= 1) return !('const' in items);
  if (Array.isArray(items.enum)) return items.enum.length >= count;
  if (items.type === 'boolean') return count <= 2;
  if (items.type === 'string') return !items.pattern && (items.maxLength === undefined || (items.maxLength as number) >= 12);
  if (items.type === 'integer' || items.type === 'number') return true;
  return false;
}

/** The `parameters` of a tool: none, an object, an object reached through $ref, or an allOf of objects. */
export function parametersSchema(): fc.Arbitrary<Schema | undefined> {
  const open = objectSchema(2).map((schema) => {
    const { additionalProperties: _closed, ...rest } = schema;
    return rest;
  });
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: fc.constant({ type: 'object', properties: {} }), weight: 1 },
    { arbitrary: objectSchema(3), weight: 8 },
    {
      arbitrary: fc.tuple(objectSchema(1), anySchema(1)).map(([thing, other]) => ({
        type: 'object',
        definitions: { thing },
        properties: { thing: { $ref: '#/definitions/thing' }, other },
        required: ['thing'],
      })),
      weight: 2,
    },
    // allOf parts share no property, so they cannot contradict each other.
    { arbitrary: fc.tuple(open, open).map(([a, b]) => ({ allOf: [a, withoutPropertiesOf(b, a)] })), weight: 2 },
  );
}

function withoutPropertiesOf(schema: Schema, other: Schema): Schema {
  const taken = new Set(Object.keys((other.properties as Schema | undefined) ?? {}));
  const properties = Object.fromEntries(Object.entries((schema.properties as Schema | undefined) ?? {}).filter(([key]) => !taken.has(key)));
  const required = ((schema.required as string[] | undefined) ?? []).filter((key) => !taken.has(key));
  const { required: _required, ...rest } = schema;
  return { ...rest, properties, ...(required.length ? { required } : {}) };
}

const FRAGMENTS = [
  'What is the current temperature of New York, San Francisco, and Chicago?', 'Send an email to alice@example.com',
  'saying the report is ready', 'Who are my top customers?', 'John Smith was born on 1990-04-12',
  'How many orders were placed last month?', 'top 5', '$10,000', '42', '-7', '3.75', '10k', '"quoted text"', '°F',
  'fahrenheit', 'celsius', 'Paris, Rome and Oslo', 'at 5pm', 'on April 12, 1990', 'bob@example.org', 'https://example.com/a',
  '2024-02-30', '2024-03-01T10:00:00Z', 'high', 'in progress', 'New York', 'include archived', 'not enabled', 'ünïcödé',
  'Weird Key', 'limit 1000000', 'since 2020-01-01', 'about the quarterly numbers', ':', "'single'", 'San Francisco, CA',
];

export const messages: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...FRAGMENTS),
  fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' ')),
  fc.string({ maxLength: 60 }),
);

/** Ajv as the tests check with: strict off, and the formats the simulator claims to meet. */
export function strictAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const date = (value: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m) return false;
    const probe = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return probe.getUTCFullYear() === +m[1] && probe.getUTCMonth() === +m[2] - 1 && probe.getUTCDate() === +m[3];
  };
  ajv.addFormat('date', date);
  ajv.addFormat('date-time', (value: string) => {
    const m = /^(\d{4}-\d{2}-\d{2})[Tt ]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(value);
    return Boolean(m && date(m[1]));
  });
  ajv.addFormat('time', /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/);
  ajv.addFormat('email', /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i);
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat('ipv4', /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/);
  ajv.addFormat('hostname', /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i);
  return ajv;
}
