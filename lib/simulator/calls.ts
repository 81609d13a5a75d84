/**
 * The arguments of the calls to one tool: one argument object, or one per item when the message lists
 * places ("New York, San Francisco, and Chicago") and the tool takes a single location.
 */
import type { Tool } from '@/lib/wire/chat';
import type { FillContext, Filled } from './context';
import { readFacts, type Facts } from './facts';
import { roleOf, type ToolProfile } from './roles';
import { candidateTypes, flatten, isSchemaObject, schemaMap, stringKeyword, stringList, toSchema, type JsonSchema } from './schema';
import { fillValue } from './values';
import { escapeRegExp } from './enums';
import { hintFor } from './context';
import { splitWords } from './words';

export function toolProfile(tool: Tool): ToolProfile {
  const { name, description = '', parameters } = tool.function;
  const own = `${splitWords(name).join(' ')} ${description}`;
  return {
    name,
    text: [name, description, ...schemaTexts(parameters, 0)].join('\n'),
    isSql: /\b(sql|database|db|postgres(ql)?|mysql|mariadb|sqlite|bigquery|snowflake|redshift|tables?)\b/i.test(own),
    isEmail: /\b(e-?mail|mail)\b/i.test(own),
  };
}

/** Every property name, description and string enum option in a schema, for relevance and table cues. */
export function schemaTexts(schema: unknown, depth: number): string[] {
  if (!isSchemaObject(schema) || depth > 8) return [];
  const texts: string[] = [];
  if (typeof schema.description === 'string') texts.push(schema.description);
  if (Array.isArray(schema.enum)) texts.push(...schema.enum.filter((item): item is string => typeof item === 'string'));
  for (const [key, value] of Object.entries(schemaMap(schema, 'properties'))) {
    texts.push(key, ...schemaTexts(value, depth + 1));
  }
  for (const keyword of ['items', 'additionalProperties']) texts.push(...schemaTexts(schema[keyword], depth + 1));
  for (const keyword of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    const list = schema[keyword];
    if (Array.isArray(list)) for (const item of list) texts.push(...schemaTexts(item, depth + 1));
  }
  return texts;
}

/**
 * Argument objects for the calls to `tool`, each with what the reply should say about it (`notes`); more
 * than one only when `expandLists` and a list fits (or, for a tool called `alone`, repeated numbers).
 */
export function argumentSets(tool: Tool, facts: Facts, expandLists: boolean, alone = false): Filled[] {
  if (!isSchemaObject(tool.function.parameters)) return [{ value: {}, found: false }];
  let root: JsonSchema = toSchema(tool.function.parameters);
  const flat = flatten(root, root);
  // Function parameters are an object even when the schema forgets to say so.
  if (flat.type === undefined && candidateTypes(flat)[0] !== 'object') root = { ...root, type: 'object' };
  const profile = toolProfile(tool);
  const context = (): FillContext => ({ facts, tool: profile, root, used: new Set(), variant: 0, depth: 0, leftoverNumbers: false, ownsFacts: true });
  // "between Apple and Samsung" names the two sides of one call, not two calls.
  const list = facts.lists.find((items) => !new RegExp(`\\bbetween\\s+(?:the\\s+)?${escapeRegExp(items[0])}`, 'i').test(facts.text));
  const listProperty = expandLists && list ? locationProperty(flatten(root, root), root, profile) : undefined;
  if (list && listProperty) {
    return list.map((item) => {
      const ctx = context();
      for (const noun of list) ctx.used.add(`noun:${noun}`);
      ctx.forced = { property: listProperty, value: item };
      return fillValue(root, { name: '', description: '' }, ctx);
    });
  }
  // Only a tool called alone takes every number of the message as its own.
  const repeated = expandLists && alone ? repeatedNumbers(flatten(root, root), root, facts) : undefined;
  if (repeated) return repeated.map((stretch) => fillValue(root, { name: '', description: '' }, { ...context(), facts: stretch }));
  return [fillValue(root, { name: '', description: '' }, context())];
}

/**
 * The message's stretches when it gives the numbers of several calls: "the factorial of 5, 10 and 15",
 * "sides 3 and 4, 5 and 12" — twice or more as many numbers as the tool has required numeric parameters,
 * a whole multiple of them, in groups alike. Each stretch runs up to the next group's first number, so the words around a
 * group (a place, a unit) stay with it. Undefined when the numbers are one call's.
 */
function repeatedNumbers(schema: JsonSchema, root: JsonSchema, facts: Facts): Facts[] | undefined {
  const required = new Set(stringList(schema, 'required'));
  const properties = Object.entries(schemaMap(schema, 'properties'));
  // Numbers listed for an array parameter ("scores 85, 90, 88") are one call's.
  if (properties.some(([, property]) => candidateTypes(flatten(property, root))[0] === 'array')) return undefined;
  const numeric = properties.filter(([name, property]) => {
    const flat = flatten(property, root);
    return required.has(name) && !('enum' in flat) && ['number', 'integer'].includes(candidateTypes(flat)[0] ?? '');
  }).length;
  const numbers = facts.numbers.filter((number) => !number.spelled);
  if (!numeric || numbers.length < 2 * numeric || numbers.length % numeric !== 0 || numbers.length > MAX_REPEATS * numeric) return undefined;
  // Groups alike: the n-th number of every group has the same unit after it ("6 feet … 80 kg, 5.6 feet … 60 kg"),
  // or none has one ("5, 10 and 15"); "4 people (table 12)" is one call's.
  for (let j = 0; j < numeric; j++) {
    const units = new Set(numbers.filter((_, i) => i % numeric === j).map((number) => number.unit));
    if (units.size > 1) return undefined;
  }
  const starts = numbers.filter((_, i) => i % numeric === 0).map((number) => number.start);
  return starts.map((start, i) => readFacts(facts.text.slice(i === 0 ? 0 : start, starts[i + 1] ?? facts.text.length)));
}

/** At most this many calls from repeated numbers. */
const MAX_REPEATS = 16;

/**
 * The top-level property that holds one location as a plain string, if there is exactly one: with two
 * ("origin", "destination") the places listed are one call's, from one to the other.
 */
function locationProperty(schema: JsonSchema, root: JsonSchema, tool: ToolProfile): string | undefined {
  const found: string[] = [];
  for (const [name, property] of Object.entries(schemaMap(schema, 'properties'))) {
    const flat = flatten(property, root);
    if (['const', 'enum', 'anyOf', 'oneOf', 'format', 'pattern'].some((keyword) => keyword in flat)) continue;
    if (candidateTypes(flat)[0] !== 'string') continue;
    if (roleOf(hintFor(name, property, root), stringKeyword(flat, 'format'), tool) === 'location') found.push(name);
  }
  return found.length === 1 ? found[0] : undefined;
}
