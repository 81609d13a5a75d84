/**
 * Object arguments: every required property, plus the optional ones the message gave a value for, in the
 * schema's order; `minProperties`, `maxProperties` and `dependentRequired` respected.
 */
import { compilePattern } from '@/lib/tools/linear-regexp';
import { quotePattern } from '@/lib/tools/pattern-words';
import { child, hintFor, notesOf, type Fill, type FillContext, type Filled } from './context';
import { candidateTypes, flatten, numberKeyword, schemaMap, stringList, toSchema, type JsonSchema } from './schema';
import { conformString } from './strings';
import { testWithinBudget } from './budget';
import { mentionEnd, recordSchema } from './records';
import { own, setOwn } from '@/lib/util/json';

export function fillObject(schema: JsonSchema, ctx: FillContext, fill: Fill): Filled {
  const properties = schemaMap(schema, 'properties');
  const required = new Set(stringList(schema, 'required'));
  const results = new Map<string, Filled>();
  const included = new Set<string>();

  // An array of records the message names ("passengers: Alice …, Bob …") takes its nouns first: they
  // are not a destination or a name of the whole call. The value keeps the schema's order.
  const entries = Object.entries(properties);
  const namesRecords = ([key, propertySchema]: [string, JsonSchema]) =>
    recordSchema(propertySchema, ctx.root) !== undefined && mentionEnd(key, ctx.facts) >= 0;
  for (const [key, propertySchema] of [...entries.filter(namesRecords), ...entries.filter((entry) => !namesRecords(entry))]) {
    const forced = ctx.forced?.property === key ? ctx.forced.value : undefined;
    const flat = flatten(propertySchema, ctx.root);
    const result =
      forced !== undefined
        ? { value: conformString(forced, flat, forced), found: true }
        : fill(propertySchema, hintFor(key, propertySchema, ctx.root), child(ctx));
    results.set(key, result);
    if (result.found || required.has(key)) included.add(key);
  }

  // Numbers no parameter name claimed ("John is 42") go to the numeric parameters still without a value.
  if (ctx.ownsFacts) {
    for (const [key, propertySchema] of Object.entries(properties)) {
      const types = candidateTypes(flatten(propertySchema, ctx.root));
      if (results.get(key)?.found || !(types.includes('number') || types.includes('integer'))) continue;
      const result = fill(propertySchema, hintFor(key, propertySchema, ctx.root), { ...child(ctx), leftoverNumbers: true });
      if (!result.found) continue;
      results.set(key, result);
      included.add(key);
    }
  }

  const unchecked = new Set<string>();
  const extraSchema = (key: string): JsonSchema | undefined => {
    for (const [pattern, patternSchema] of Object.entries(schemaMap(schema, 'patternProperties'))) {
      // Linear time: the pattern and the key (a `required` name) are both the schema author's. One RE2
      // cannot run counts as matching, as it does in the page's argument checks.
      const compiled = compilePattern(pattern);
      if (compiled.kind === 'invalid') continue;
      const verdict = compiled.kind === 'ok' ? testWithinBudget(compiled, key) : undefined;
      if (verdict === undefined) {
        const why = compiled.kind === 'unsupported' ? `it uses ${compiled.reason}, which my linear-time regular expressions (RE2) cannot run` : 'it is longer than I test against it quickly';
        unchecked.add(`I did not check the property name ${quotePattern(key)} against the pattern ${quotePattern(pattern)} in patternProperties: ${why}, so I took it as matching.`);
      }
      if (verdict !== false) return patternSchema;
    }
    return schema.additionalProperties === false ? undefined : toSchema(schema.additionalProperties);
  };
  const include = (key: string) => {
    if (included.has(key)) return;
    if (!results.has(key)) {
      const extra = own(properties, key) ?? extraSchema(key);
      if (extra === undefined) return; // required but forbidden: no value can satisfy the schema
      results.set(key, fill(extra, hintFor(key, extra, ctx.root), child(ctx)));
    }
    included.add(key);
  };
  for (const key of required) include(key);
  // Each included key's dependencies, once each, in the order they are included (a queue: a long chain
  // of them must not cost its square).
  const queue = [...included];
  for (let next = 0; next < queue.length; next++) {
    for (const dependency of dependenciesOf(schema, queue[next])) {
      if (included.has(dependency)) continue;
      include(dependency);
      if (included.has(dependency)) queue.push(dependency);
    }
  }

  const minProperties = numberKeyword(schema, 'minProperties') ?? 0;
  for (const key of Object.keys(properties)) {
    if (included.size >= minProperties) break;
    include(key);
  }
  for (let n = 1; included.size < minProperties && schema.additionalProperties !== false && n < 100; n++) {
    include(`extra_${n}`);
  }
  const maxProperties = numberKeyword(schema, 'maxProperties') ?? Infinity;
  for (const key of [...included].reverse()) {
    if (included.size <= maxProperties) break;
    if (!required.has(key)) included.delete(key);
  }

  const value: Record<string, unknown> = {};
  const order = [...Object.keys(properties), ...included];
  for (const key of order) if (included.has(key) && !Object.hasOwn(value, key)) setOwn(value, key, results.get(key)?.value);
  const found = [...included].some((key) => results.get(key)?.found);
  const notes = notesOf([{ value: null, found: false, notes: [...unchecked] }, ...[...included].map((key) => results.get(key))]);
  return notes ? { value, found, notes } : { value, found };
}

/** `dependentRequired` (2019-09) and the array form of draft-7 `dependencies`. */
function dependenciesOf(schema: JsonSchema, key: string): string[] {
  const lists = [schema.dependentRequired, schema.dependencies];
  return lists.flatMap((map) => {
    const entry = map && typeof map === 'object' ? (map as Record<string, unknown>)[key] : undefined;
    return Array.isArray(entry) ? entry.filter((item): item is string => typeof item === 'string') : [];
  });
}
