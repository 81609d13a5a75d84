/**
 * A tool result in words: `{"temperature": 22, "unit": "celsius"}` → "the temperature is 22 and the unit
 * is celsius"; nested objects as "(wind: strong, sky: clear and windy)", arrays of objects numbered
 * "2 items: (1) airline: Delta, price: 320; (2) …". Never JSON, never "[object Object]": results are
 * whatever a mock or a person typed, so depth, values and text are bounded, and what is left out is counted.
 */
import { isRecord } from '@/lib/util/json';
import { splitWords } from './words';

/** Values stated per answer, over all its results; the rest are counted ("and 12 more"). */
export const MAX_VALUES = 48;
const MAX_TEXT = 160;
const MAX_DEPTH = 4;

/** What is left to state, shared by every result of one answer. */
export interface Budget {
  values: number;
}

export function newBudget(): Budget {
  return { values: MAX_VALUES };
}

/** One result (the tool message's text) as a clause, without a final full stop. */
export function describeResult(result: string, budget: Budget = newBudget()): string {
  const trimmed = result.trim();
  if (!trimmed) return 'an empty result';
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return `“${shortText(trimmed)}”`;
  }
  if (isRecord(value)) return clauses(value, budget);
  return describe(value, 0, budget);
}

/** "the temperature is 22 and the unit is celsius". */
function clauses(record: Record<string, unknown>, budget: Budget): string {
  const entries = Object.entries(record);
  if (!entries.length) return 'an empty result';
  return joinAnd(listed(entries, ([key, item]) => clause(key, item, budget), budget));
}

/** "the unit is celsius"; a yes/no flag as words: `isOpen: false` → "it is not open". */
function clause(key: string, item: unknown, budget: Budget): string {
  const [first, ...rest] = splitWords(key);
  if (typeof item === 'boolean' && rest.length && (first === 'is' || first === 'has')) {
    budget.values--;
    const what = rest.join(' ');
    return first === 'is' ? `it is ${item ? '' : 'not '}${what}` : `it has ${item ? '' : 'no '}${what}`;
  }
  const named = words(key);
  const plural = (Array.isArray(item) && item.length > 1) || /[^siu]s$/.test(named);
  return `the ${named} ${plural ? 'are' : 'is'} ${describe(item, 1, budget)}`;
}

function describe(value: unknown, depth: number, budget: Budget): string {
  budget.values--;
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'string') return shortText(value) || '(empty)';
  if (typeof value !== 'object') return String(value);
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? `${count(value.length, 'item')}` : `${count(Object.keys(value).length, 'field')}`;
  if (Array.isArray(value)) {
    if (!value.length) return 'none';
    if (value.every((item) => item === null || typeof item !== 'object')) return joinAnd(listed(value, (item) => describe(item, depth + 1, budget), budget));
    const items = listed(value, (item, i) => `(${i + 1}) ${isRecord(item) ? pairs(item, depth + 1, budget) : describe(item, depth + 1, budget)}`, budget);
    return `${count(value.length, 'item')}: ${items.join('; ')}`;
  }
  return `(${pairs(value as Record<string, unknown>, depth + 1, budget)})`;
}

/** "airline: Delta, price: 320". */
function pairs(record: Record<string, unknown>, depth: number, budget: Budget): string {
  const entries = Object.entries(record);
  if (!entries.length) return 'nothing';
  return listed(entries, ([key, item]) => `${words(key)}: ${describe(item, depth, budget)}`, budget).join(', ');
}

/** The items the budget allows, then "and N more" for the others. */
function listed<T>(items: readonly T[], say: (item: T, index: number) => string, budget: Budget): string[] {
  const said: string[] = [];
  for (const [index, item] of items.entries()) {
    if (budget.values <= 0) break;
    said.push(say(item, index));
  }
  const left = items.length - said.length;
  if (left > 0) said.push(`${left} more`);
  return said;
}

function words(key: string): string {
  return splitWords(key).join(' ') || key.slice(0, 40);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function shortText(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_TEXT ? `${oneLine.slice(0, MAX_TEXT - 1)}…` : oneLine;
}

export function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
