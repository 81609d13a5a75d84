/**
 * The simulator's text answer under `response_format`: `json_object` gives `{"answer": "<the sentence>",
 * …the result's values}`; `json_schema` gives JSON valid against the schema, made by the argument filler
 * (./values.ts) with what the simulator knows put first — a property whose name relates to a tool
 * result's field (or a call's argument) takes its value when it fits, an answer-like string property
 * takes the sentence, an array of objects takes one item per result, and the rest comes from the user's
 * words or the filler's placeholders. With `strict: true` every object has exactly its schema's properties,
 * as OpenAI's structured outputs do. `text` (or none): null, the sentence stays as it is.
 */
import type { ResponseFormat, ToolCall } from '@/lib/wire/chat';
import { isRecord, setOwn } from '@/lib/util/json';
import { withinBudget } from './budget';
import { toolProfile } from './calls';
import { child, notesOf, sameValue, type FillContext, type Filled, type Known } from './context';
import { readFacts } from './facts';
import { roleOf, type Hint, type ToolProfile } from './roles';
import { fitsSchema } from './schema-fit';
import { candidateTypes, flatten, isSchemaObject, numberKeyword, schemaMap, stringKeyword, toSchema, type JsonSchema } from './schema';
import { conformString } from './strings';
import { fillValue } from './values';
import { splitWords, stem } from './words';

/** What the answer is about: the user's words, and the calls of the round with their results by call id. */
export interface AnswerGrounds {
  text: string;
  calls: readonly ToolCall[];
  results: ReadonlyMap<string, string>;
}

/** One call's result and arguments, as named values. */
interface Source {
  /** The parsed result (or its text when it is not JSON). */
  result: unknown;
  /** The call's parsed arguments. */
  args: unknown;
  entries: Entry[];
}

interface Entry {
  stems: string[];
  value: unknown;
  /** 'location', 'date'… (./roles.ts), to relate `city` to a `location` argument. */
  role: string;
}

/** Property names that ask for the answer itself. */
const ANSWER_WORDS = new Set(['answer', 'respons', 'reply', 'summary', 'messag', 'text', 'content', 'explanation', 'sentence', 'output', 'comment', 'note'].map(stem));
const MAX_ENTRY_DEPTH = 4;
const MAX_ENTRIES = 400;

/** The answer as JSON text for a JSON `response_format`, or null when the sentence is the answer. */
export function structuredAnswer(format: ResponseFormat | undefined, sentence: string, grounds: AnswerGrounds): string | null {
  if (!format || format.type === 'text') return null;
  const sources = sourcesOf(grounds);
  const schema = format.type === 'json_schema' ? format.json_schema.schema : undefined;
  if (format.type === 'json_object' || !isSchemaObject(schema)) return JSON.stringify(objectAnswer(sentence, sources));
  const root = format.json_schema.strict === true ? strictened(schema, 0) : schema;
  const profile = toolProfile({ type: 'function', function: { name: format.json_schema.name, description: format.json_schema.description, parameters: schema } });
  const ctx: FillContext = {
    facts: readFacts(grounds.text), tool: profile, root, used: new Set(), variant: 0, depth: 0, leftoverNumbers: false, ownsFacts: true,
    known: knownFrom(sources, sentence, profile),
  };
  const { result } = withinBudget(() => fillValue(root, { name: '', description: '' }, ctx));
  return JSON.stringify(result.value ?? null);
}

/** `{"answer": …}` with the one result's fields beside it, or `results` listing several, each after its call's arguments. */
function objectAnswer(sentence: string, sources: readonly Source[]): Record<string, unknown> {
  const answer: Record<string, unknown> = { answer: sentence };
  const only = sources.length === 1 ? sources[0].result : undefined;
  if (isRecord(only)) {
    for (const [key, value] of Object.entries(only)) if (key !== 'answer') setOwn(answer, key, value);
  } else if (sources.length) {
    answer.results = sources.map(({ args, result }) => {
      const item: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(isRecord(args) ? args : {})) setOwn(item, key, value);
      for (const [key, value] of Object.entries(isRecord(result) ? result : { result })) setOwn(item, key, value);
      return item;
    });
  }
  return answer;
}

function sourcesOf({ calls, results }: AnswerGrounds): Source[] {
  const sources: Source[] = [];
  for (const call of calls) {
    const text = results.get(call.id);
    if (text === undefined) continue;
    const result = parsed(text) ?? text;
    const args = parsed(call.function.arguments);
    const entries: Entry[] = [];
    collect(result, entries, 0);
    // The call's own arguments come after its result's fields: the result is what the answer reports.
    collect(args, entries, 0);
    sources.push({ result, args, entries });
  }
  return sources;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const NO_TOOL: ToolProfile = { name: '', text: '', isSql: false, isEmail: false };

/** Every named value of a result, outer ones first (a nested field stays reachable by its own name). */
function collect(value: unknown, entries: Entry[], depth: number): void {
  if (!isRecord(value) || depth > MAX_ENTRY_DEPTH) return;
  for (const [key, item] of Object.entries(value)) {
    if (entries.length >= MAX_ENTRIES) return;
    entries.push({ stems: stems(key), value: item, role: roleOf({ name: key, description: '' }, undefined, NO_TOOL) });
  }
  for (const item of Object.values(value)) {
    if (isRecord(item)) collect(item, entries, depth + 1);
    else if (Array.isArray(item) && item.every(isRecord)) for (const record of item.slice(0, 8)) collect(record, entries, depth + 1);
  }
}

function stems(name: string): string[] {
  return splitWords(name).map(stem);
}

/** 3: the same words; 1: one name's words within the other's, one a prefix of the other ("temp"), or the same role. */
function relation(property: string[], propertyRole: string, entry: Entry): number {
  if (!property.length || !entry.stems.length) return 0;
  if (property.join(' ') === entry.stems.join(' ')) return 3;
  const within = (a: string[], b: string[]) => a.every((word) => b.includes(word));
  if (within(property, entry.stems) || within(entry.stems, property)) return 1;
  const [a, b] = [property.join(''), entry.stems.join('')];
  if (Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a))) return 1;
  return propertyRole !== 'generic' && propertyRole === entry.role ? 1 : 0;
}

/**
 * The known values for the filler: an exact name first, then the sentence for an answer-like string, then
 * a looser name; an array of objects one item per result when its items' names relate to the results'.
 */
function knownFrom(sources: readonly Source[], sentence: string, profile: ToolProfile): Known {
  const entries = sources.flatMap((source) => source.entries).slice(0, MAX_ENTRIES);
  const known: Known = (schema, hint, ctx) => {
    const words = stems(hint.name);
    const role = roleOf(hint, stringKeyword(schema, 'format'), profile);
    const named = (least: number) => best(entries, words, role, least, schema, ctx.root);
    const answerLike = (ctx.depth === 0 && !hint.name) || words.some((word) => ANSWER_WORDS.has(word));
    return (
      named(3) ??
      (answerLike ? taken(sentence, schema, ctx.root) : undefined) ??
      named(1) ??
      (sources.length ? perResult(sources, sentence, profile, schema, hint, ctx) : undefined)
    );
  };
  return known;
}

function best(entries: readonly Entry[], words: string[], role: string, least: number, schema: JsonSchema, root: JsonSchema): Filled | undefined {
  let found: Filled | undefined;
  let score = 0;
  for (const entry of entries) {
    const related = relation(words, role, entry);
    if (related < least || related <= score) continue;
    const filled = taken(entry.value, schema, root);
    if (filled) [found, score] = [filled, related];
  }
  return found;
}

/** The value when it meets the schema (a string bent to its length first), else undefined. */
function taken(value: unknown, schema: JsonSchema, root: JsonSchema): Filled | undefined {
  const fitted = typeof value === 'string' && candidateTypes(schema).includes('string') ? conformString(value, schema, value) : value;
  return fitsSchema(fitted, schema, root) ? { value: fitted, found: true } : undefined;
}

/** An array of objects filled one item per result, each item from its own result only. */
function perResult(sources: readonly Source[], sentence: string, profile: ToolProfile, schema: JsonSchema, hint: Hint, ctx: FillContext): Filled | undefined {
  if (candidateTypes(schema)[0] !== 'array' || !isSchemaObject(schema.items)) return undefined;
  const items = flatten(toSchema(schema.items), ctx.root);
  const names = propertyNames(items, ctx.root, 0).map((name) => ({ words: stems(name), role: roleOf({ name, description: '' }, undefined, profile) }));
  const relates = sources.some((source) => source.entries.some((entry) => names.some(({ words, role }) => relation(words, role, entry) > 0)));
  if (!relates || sources.length < (numberKeyword(schema, 'minItems') ?? 0) || sources.length > (numberKeyword(schema, 'maxItems') ?? Infinity)) return undefined;
  const filled = sources.map((source) => fillValue(items, hint, { ...child(ctx), known: knownFrom([source], sentence, profile) }));
  const values = filled.map((item) => item.value);
  if (schema.uniqueItems === true && values.some((value, i) => values.findIndex((other) => sameValue(other, value)) !== i)) return undefined;
  const notes = notesOf(filled);
  return notes ? { value: values, found: true, notes } : { value: values, found: true };
}

/** The property names of an object schema and of the objects inside it. */
function propertyNames(schema: JsonSchema, root: JsonSchema, depth: number): string[] {
  if (depth > 3) return [];
  return Object.entries(schemaMap(flatten(schema, root), 'properties')).flatMap(([name, property]) => [name, ...propertyNames(property, root, depth + 1)]);
}

const SUBSCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const SUBSCHEMA_MAPS = ['properties', '$defs', 'definitions'];
const MAX_STRICT_DEPTH = 32;

/**
 * The schema as OpenAI strict mode reads it: every object's properties all required, and no others
 * (`allOf` parts merged first, and property counts that say otherwise dropped, so it stays satisfiable).
 */
export function strictened(schema: JsonSchema, depth: number, root: JsonSchema = schema): JsonSchema {
  if (depth > MAX_STRICT_DEPTH) return schema;
  const copy: JsonSchema = 'allOf' in schema ? flatten(schema, root) : { ...schema };
  for (const keyword of SUBSCHEMA_MAPS) {
    if (!isSchemaObject(copy[keyword])) continue;
    const map: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(copy[keyword] as JsonSchema)) setOwn(map, key, isSchemaObject(value) ? strictened(value, depth + 1, root) : value);
    copy[keyword] = map;
  }
  for (const keyword of SUBSCHEMA_LISTS) {
    const list = copy[keyword];
    if (Array.isArray(list)) copy[keyword] = list.map((item) => (isSchemaObject(item) ? strictened(item, depth + 1, root) : item));
  }
  if (isSchemaObject(copy.items)) copy.items = strictened(copy.items, depth + 1, root);
  const isObject = copy.type === 'object' || (Array.isArray(copy.type) && copy.type.includes('object'));
  if (isSchemaObject(copy.properties) || isObject) {
    const keys = Object.keys(isSchemaObject(copy.properties) ? copy.properties : {});
    copy.required = keys;
    copy.additionalProperties = false;
    if ((numberKeyword(copy, 'minProperties') ?? 0) > keys.length) delete copy.minProperties;
    if ((numberKeyword(copy, 'maxProperties') ?? Infinity) < keys.length) delete copy.maxProperties;
  }
  return copy;
}
