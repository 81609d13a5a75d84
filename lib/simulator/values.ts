/**
 * A value for any JSON Schema, valid against it by construction: facts from the message where the
 * schema and the parameter's name let them fit, a placeholder otherwise. `found` tells the object filler
 * whether an optional property is worth sending.
 */
import type { NumberFact } from './facts';
import { numberPlaceholder, type Hint } from './roles';
import {
  candidateTypes, flatten, merge, numberKeyword, numericRange, schemaList, toSchema, type JsonSchema,
  type SchemaType,
} from './schema';
import { fillString } from './strings';
import { fillObject } from './objects';
import { fillArray } from './arrays';
import type { FillContext, Filled } from './context';
import { concepts, splitWords, stem } from './words';
import { escapeRegExp, namedOptions } from './enums';
import { spend } from './budget';

const MAX_DEPTH = 12;

export function fillValue(raw: JsonSchema, hint: Hint, ctx: FillContext): Filled {
  if (!spend('values')) return { value: null, found: false };
  const schema = flatten(raw, ctx.root);
  const known = ctx.known && ctx.variant === 0 ? ctx.known(schema, hint, ctx) : undefined;
  if (known) return known;
  if ('const' in schema) return { value: schema.const, found: false };
  const options = Array.isArray(schema.enum) ? schema.enum : undefined;
  if (options && options.length) return fillEnum(options, ctx);
  const branches = [...schemaList(schema, 'anyOf'), ...schemaList(schema, 'oneOf')];
  if (branches.length) return fillBranches(schema, branches, hint, ctx);
  const types = candidateTypes(schema);
  if (types.length === 0) return fillByType('string', schema, hint, ctx);
  let first: Filled | undefined;
  for (const type of types) {
    const trial = { ...ctx, used: new Set(ctx.used) };
    const result = fillByType(type, schema, hint, trial);
    if (result.found) {
      for (const key of trial.used) ctx.used.add(key);
      return result;
    }
    first ??= result;
  }
  return first ?? { value: null, found: false };
}

function fillByType(type: SchemaType, schema: JsonSchema, hint: Hint, ctx: FillContext): Filled {
  switch (type) {
    case 'string':
      return fillString(schema, hint, ctx);
    case 'integer':
    case 'number':
      return fillNumber(schema, hint, ctx, type === 'integer');
    case 'boolean':
      return fillBoolean(schema, hint, ctx);
    case 'object':
      return ctx.depth >= MAX_DEPTH ? { value: {}, found: false } : fillObject(schema, ctx, fillValue);
    case 'array':
      return ctx.depth >= MAX_DEPTH ? { value: [], found: false } : fillArray(schema, hint, ctx, fillValue);
    default:
      return { value: null, found: false };
  }
}

/** The first option the message names (fahrenheit for °F), else the first option. */
function fillEnum(options: unknown[], ctx: FillContext): Filled {
  const named = ctx.variant === 0 ? namedOptions(options, ctx.facts)[0] : undefined;
  if (named !== undefined) return { value: named, found: true };
  return { value: options[ctx.variant % options.length], found: false };
}

/** anyOf/oneOf: the first branch the message has something for, else the first branch. */
function fillBranches(schema: JsonSchema, branches: JsonSchema[], hint: Hint, ctx: FillContext): Filled {
  const { anyOf: _anyOf, oneOf: _oneOf, ...base } = schema;
  let first: { result: Filled; used: Set<string> } | undefined;
  for (const branch of branches) {
    const trial = { ...ctx, used: new Set(ctx.used) };
    const result = fillValue(merge(base, flatten(toSchema(branch), ctx.root)), hint, trial);
    if (result.found) {
      for (const key of trial.used) ctx.used.add(key);
      return result;
    }
    first ??= { result, used: trial.used };
  }
  for (const key of first?.used ?? []) ctx.used.add(key);
  return first?.result ?? { value: null, found: false };
}

const NUMBER_CONCEPTS = new Set(['#limit', '#minimum', '#money']);
const NAMED_SCORE = 5;

/** A number from the message whose neighbouring words match the parameter, fitted into the bounds. */
function fillNumber(schema: JsonSchema, hint: Hint, ctx: FillContext, integer: boolean): Filled {
  const wanted = concepts(`${hint.name} ${hint.description}`);
  // The parameter's own name right before the number ("b = 6") outweighs any neighbouring word.
  const names = new Set([hint.name, ...splitWords(hint.name)].map(stem));
  let best: NumberFact | undefined;
  let bestScore = 0;
  if (ctx.variant === 0) {
    for (const fact of ctx.facts.numbers) {
      if (ctx.used.has(`number:${ctx.facts.numbers.indexOf(fact)}`)) continue;
      let score = fact.label !== null && names.has(fact.label) ? NAMED_SCORE : 0;
      for (const item of fact.context) if (wanted.has(item) && (!item.startsWith('#') || NUMBER_CONCEPTS.has(item))) score++;
      if (score === 0 && ctx.leftoverNumbers && !fact.spelled && !best) score = 0.5;
      if (score > bestScore) [best, bestScore] = [fact, score];
    }
  }
  if (best) {
    ctx.used.add(`number:${ctx.facts.numbers.indexOf(best)}`);
    return { value: fitNumber(best.value, schema, integer, 0), found: true };
  }
  const example = typeof schema.default === 'number' ? schema.default : undefined;
  return { value: fitNumber(example ?? numberPlaceholder(hint), schema, integer, ctx.variant), found: false };
}

/** The value rounded, clamped and stepped onto `multipleOf`; `variant` steps distinct array items apart. */
export function fitNumber(value: number, schema: JsonSchema, integer: boolean, variant: number): number {
  const { low, high } = numericRange(schema, integer);
  const step = numberKeyword(schema, 'multipleOf');
  let v = integer ? Math.round(value) : value;
  if (v < low) v = Math.ceil(low) <= high ? Math.ceil(low) : low;
  if (v > high) v = Math.floor(high) >= low ? Math.floor(high) : high;
  if (step && step > 0) {
    let k = Math.round(v / step) * step;
    if (k < low) k = Math.ceil(low / step) * step;
    if (k > high) k = Math.floor(high / step) * step;
    v = Number.isInteger(step) ? Math.round(k) : k;
  }
  const span = high - low;
  const unit = step && step > 0 ? step : !integer && span < 64 ? span / 64 : 1;
  if (variant) v = [v + variant * unit, v - variant * unit].find((candidate) => candidate >= low && candidate <= high) ?? v;
  return Object.is(v, -0) ? 0 : v;
}

/** The message's words stemmed, once per message (a schema may have thousands of booleans). */
const stemmedTexts = new WeakMap<FillContext['facts'], string>();

function stemmedText(facts: FillContext['facts']): string {
  let text = stemmedTexts.get(facts);
  if (text === undefined) stemmedTexts.set(facts, (text = ` ${splitWords(facts.text).map(stem).join(' ')} `));
  return text;
}

/** True when the message uses the parameter's words, false when it negates them. */
function fillBoolean(schema: JsonSchema, hint: Hint, ctx: FillContext): Filled {
  const words = splitWords(hint.name).filter((word) => !['is', 'has', 'include', 'enable', 'use', 'with', 'should'].includes(word));
  const text = stemmedText(ctx.facts);
  const phrase = words.map(stem).join(' ');
  if (ctx.variant === 0 && phrase && text.includes(` ${phrase} `)) {
    const negated = new RegExp(`\\b(not|no|don|dont|without|exclud|never)\\b(\\s+\\S+){0,2}\\s+${escapeRegExp(phrase)}\\b`).test(text);
    return { value: !negated, found: true };
  }
  const fallback = typeof schema.default === 'boolean' ? schema.default : false;
  return { value: ctx.variant % 2 === 1 ? !fallback : fallback, found: false };
}
