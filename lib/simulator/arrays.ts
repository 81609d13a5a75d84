/**
 * Array arguments: a list the message wrote out ("Paris, Rome and Oslo", several e-mail addresses, the
 * enum options it names, records such as two passengers with their own names and ages) when the items
 * can hold it, padded with distinct placeholders up to `minItems`.
 */
import { child, notesOf, sameValue, type Fill, type FillContext, type Filled } from './context';
import { namedOptions } from './enums';
import { roleOf, type Hint } from './roles';
import { candidateTypes, flatten, numberKeyword, numericRange, schemaList, stringKeyword, toSchema, type JsonSchema } from './schema';
import { conformString, meetsString } from './strings';
import { outOfValues } from './budget';
import { listedRecords, recordSchema } from './records';

export function fillArray(schema: JsonSchema, hint: Hint, ctx: FillContext, fill: Fill): Filled {
  const min = Math.max(0, numberKeyword(schema, 'minItems') ?? 0);
  const max = numberKeyword(schema, 'maxItems') ?? Infinity;
  const unique = schema.uniqueItems === true;
  const tupleForm = Array.isArray(schema.items);
  const tuple = tupleForm ? schemaList(schema, 'items') : schemaList(schema, 'prefixItems');
  const restRaw = tupleForm ? schema.additionalItems : schema.items;
  const rest = restRaw === false ? undefined : toSchema(restRaw);

  const values: unknown[] = [];
  const kept: Filled[] = [];
  let found = false;
  const push = (result: Filled): void => {
    if (values.length >= max || (unique && values.some((value) => sameValue(value, result.value)))) return;
    values.push(result.value);
    kept.push(result);
    found ||= result.found;
  };
  for (const itemSchema of tuple) {
    if (values.length >= max || outOfValues()) break;
    const result = fill(itemSchema, hint, child(ctx, 0));
    values.push(result.value);
    kept.push(result);
    found ||= result.found;
  }
  if (!tuple.length && rest) {
    const record = recordSchema({ type: 'array', items: rest }, ctx.root);
    if (record) for (const item of listedRecords(rest, hint, ctx, fill)) push(item);
    else for (const item of listedItems(rest, hint, ctx)) push({ value: item, found: true });
  }
  for (let variant = values.length; values.length < min && rest && variant < min + 64 && !outOfValues(); variant++) {
    push(fill(rest, hint, child(ctx, variant)));
  }
  const notes = notesOf(kept);
  return notes ? { value: values, found, notes } : { value: values, found };
}

/** The items the message lists, when the item schema is a plain string of a listable kind, a number, or an enum. */
function listedItems(itemSchema: JsonSchema, hint: Hint, ctx: FillContext): unknown[] {
  const flat = flatten(itemSchema, ctx.root);
  if (Array.isArray(flat.enum)) return namedOptions(flat.enum, ctx.facts);
  const type = candidateTypes(flat)[0];
  if (!('const' in flat || 'anyOf' in flat || 'oneOf' in flat) && (type === 'number' || type === 'integer')) return listedNumbers(flat, ctx, type === 'integer');
  if ('const' in flat || 'anyOf' in flat || 'oneOf' in flat || candidateTypes(flat)[0] !== 'string') return [];
  const format = stringKeyword(flat, 'format');
  const { facts } = ctx;
  let items: string[];
  switch (roleOf(hint, format, ctx.tool)) {
    case 'location':
      items = facts.lists[0] ?? facts.properNouns.filter((noun) => noun.afterPreposition).map((noun) => noun.text);
      break;
    case 'person':
      items = facts.lists[0] ?? facts.properNouns.map((noun) => noun.text);
      break;
    case 'email':
      items = facts.emails;
      break;
    case 'date':
      items = facts.dates;
      break;
    case 'url':
      items = facts.urls;
      break;
    default:
      items = facts.quoted;
  }
  return items
    .filter((item) => !ctx.used.has(`noun:${item}`))
    .map((item) => conformString(item, flat, item))
    .filter((item) => meetsString(item, flat));
}

/** The next bracketed list of numbers the message writes ("[10, 15, 12]") that fits the items; its numbers are then taken. */
function listedNumbers(itemSchema: JsonSchema, ctx: FillContext, integer: boolean): number[] {
  const { low, high } = numericRange(itemSchema, integer);
  const { numberLists, numbers } = ctx.facts;
  const index = numberLists.findIndex(
    (list, i) => !ctx.used.has(`numbers:${i}`) && list.values.every((value) => value >= low && value <= high && (!integer || Number.isInteger(value))),
  );
  if (index < 0) return [];
  const list = numberLists[index];
  ctx.used.add(`numbers:${index}`);
  numbers.forEach((number, i) => {
    if (number.start >= list.start && number.start < list.end) ctx.used.add(`number:${i}`);
  });
  return list.values;
}
