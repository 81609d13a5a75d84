/**
 * Arrays of objects written out in the message: "two passengers: Alice Smith, 34, and Bob Jones, 29" is
 * two records, each a proper noun and the words up to the next one, each filled from its own stretch of
 * the message (so the 34 goes to Alice's age, the 29 to Bob's).
 */
import { child, type Fill, type FillContext, type Filled } from './context';
import { readFacts, type Facts } from './facts';
import type { Hint } from './roles';
import { candidateTypes, flatten, schemaMap, toSchema, type JsonSchema } from './schema';
import { splitWords, stem } from './words';

/** At most this many records are read from one message. */
const MAX_RECORDS = 20;

/** The facts of records: records are not read again inside one (a schema may nest arrays of objects deeply). */
const recordFacts = new WeakSet<Facts>();

/** The item schema of an array whose items are objects with properties, or undefined. */
export function recordSchema(schema: JsonSchema, root: JsonSchema): JsonSchema | undefined {
  const flat = flatten(schema, root);
  if (candidateTypes(flat)[0] !== 'array' || Array.isArray(flat.items)) return undefined;
  const items = flatten(toSchema(flat.items), root);
  return candidateTypes(items)[0] === 'object' && Object.keys(schemaMap(items, 'properties')).length ? items : undefined;
}

/** Where the message's mention of `name` ("passengers" for `passengers`, `passenger_list`) ends, or -1. */
export function mentionEnd(name: string, facts: Facts): number {
  const words = splitWords(name).map(stem);
  if (!words.length) return -1;
  for (const m of facts.text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (words.includes(stem(m[0])) && !/^(list|array|items?|data|info)$/.test(m[0].toLowerCase())) return m.index + m[0].length;
  }
  return -1;
}

/**
 * One record per unused proper noun after the array's name (anywhere, when the message does not name
 * it), each filled from the text up to the next such noun. The parent's nouns and numbers in those
 * stretches are marked used, so no other parameter takes them too.
 */
export function listedRecords(itemSchema: JsonSchema, hint: Hint, ctx: FillContext, fill: Fill): Filled[] {
  const { facts } = ctx;
  if (recordFacts.has(facts)) return [];
  const from = Math.max(0, mentionEnd(hint.name, facts));
  const anchors = facts.properNouns.filter((noun) => noun.start >= from && !ctx.used.has(`noun:${noun.text}`)).slice(0, MAX_RECORDS);
  if (!anchors.length) return [];
  const end = facts.text.length;
  const records = anchors.map((noun, i) => {
    const stretch = facts.text.slice(noun.start, anchors[i + 1]?.start ?? end);
    const own = readFacts(stretch);
    recordFacts.add(own);
    return fill(itemSchema, hint, { ...child(ctx, 0), facts: own, used: new Set(), ownsFacts: true });
  });
  for (const noun of anchors) ctx.used.add(`noun:${noun.text}`);
  facts.numbers.forEach((number, index) => {
    if (number.start >= anchors[0].start) ctx.used.add(`number:${index}`);
  });
  return records.map((record) => ({ ...record, found: true }));
}
