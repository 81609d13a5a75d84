/**
 * String arguments: the fact the parameter's role asks for (an e-mail address, a date, a proper noun, the
 * message body, a SQL query…), bent to the schema's format, length and pattern.
 */
import { compilePattern } from '@/lib/tools/linear-regexp';
import { quotePattern } from '@/lib/tools/pattern-words';
import type { Facts, ProperNoun } from './facts';
import { isoDate } from './facts';
import { formatPlaceholder, roleOf, stringPlaceholder, type Hint, type Role, type ToolProfile } from './roles';
import { numberKeyword, stringKeyword, type JsonSchema } from './schema';
import { buildSelect } from './sql';
import { padding, testWithinBudget } from './budget';
import { splitWords, STOP_WORDS } from './words';

export interface StringContext {
  facts: Facts;
  tool: ToolProfile;
  used: Set<string>;
  variant: number;
}

export interface FilledString {
  value: string;
  found: boolean;
  /** What the reply should say about the value: a pattern it could not meet or not check. */
  notes?: string[];
}

export function fillString(schema: JsonSchema, hint: Hint, ctx: StringContext): FilledString {
  const format = stringKeyword(schema, 'format');
  const role = roleOf(hint, format, ctx.tool);
  const found = ctx.variant === 0 ? findString(role, ctx) : null;
  const example = schemaExample(schema);
  const placeholder = formatPlaceholder(format ?? '', ctx.variant) ?? stringPlaceholder(role, ctx.variant);
  // A name the message mentions is a better stand-in than "unknown" for a required free-text parameter.
  const guess = found === null && role === 'generic' && ctx.variant === 0 && !format ? takeNoun(ctx, () => 1, false) : null;
  const fallback = guess ?? (example !== undefined && meetsFormat(example, format) ? example : placeholder);
  const notes: string[] = [];
  const value = conformString(found ?? fallback, schema, fallback, (issue) => notes.push(patternNote(issue, hint.name, schema)));
  const filled = { value: found === null && ctx.variant ? keepDistinct(value, schema, ctx.variant) : value, found: found !== null };
  return notes.length ? { ...filled, notes } : filled;
}

/** Why a value does not (or may not) meet its pattern. */
export type PatternIssue =
  | { pattern: string; unmet: true }
  | { pattern: string; unchecked: string }
  | { pattern: string; tooLong: number };

function patternNote(issue: PatternIssue, name: string, schema: JsonSchema): string {
  const what = name ? quotePattern(name) : 'a string';
  if ('unchecked' in issue) {
    return `I did not check ${what} against its pattern ${quotePattern(issue.pattern)}: it uses ${issue.unchecked}, which my linear-time regular expressions (RE2) cannot run.`;
  }
  if ('tooLong' in issue) {
    return `I did not check ${what} against its pattern ${quotePattern(issue.pattern)}: a value of ${issue.tooLong.toLocaleString('en-US')} characters is more than I test against it quickly.`;
  }
  const limits = 'minLength' in schema || 'maxLength' in schema ? ' and its length limits' : '';
  return `I found no value for ${what} that fits its pattern ${quotePattern(issue.pattern)}${limits}, so that argument does not match the schema.`;
}

/** Ends a cut-short placeholder with its number again, so `maxLength` does not make array items equal. */
function keepDistinct(value: string, schema: JsonSchema, variant: number): string {
  const tag = String(variant + 1);
  const max = numberKeyword(schema, 'maxLength');
  if (max === undefined || value.endsWith(tag) || 'format' in schema || 'pattern' in schema || max < tag.length) return value;
  const points = Array.from(value);
  return fitLength(points.slice(0, Math.min(points.length, max) - tag.length).join('') + tag, schema);
}

function schemaExample(schema: JsonSchema): string | undefined {
  if (typeof schema.default === 'string') return schema.default;
  const examples = schema.examples;
  return Array.isArray(examples) && typeof examples[0] === 'string' ? examples[0] : undefined;
}

function findString(role: Role, ctx: StringContext): string | null {
  const { facts } = ctx;
  switch (role) {
    case 'sql':
      return buildSelect(facts, ctx.tool.text);
    case 'body':
      return facts.body ?? (facts.text.trim() || null);
    case 'subject':
      return take(ctx, 'quote', facts.quoted) ?? facts.topic ?? (facts.body ? headline(facts.body) : null);
    case 'email':
      return take(ctx, 'email', facts.emails);
    case 'date':
      return take(ctx, 'date', facts.dates);
    case 'datetime':
      return take(ctx, 'datetime', facts.dateTimes) ?? (facts.dates[0] ? `${facts.dates[0]}T${facts.times[0] ?? '00:00:00'}Z` : null);
    case 'time':
      return take(ctx, 'time', facts.times);
    case 'url':
      return take(ctx, 'url', facts.urls);
    case 'location':
      return takeNoun(ctx, (noun) => (noun.afterPreposition ? 2 : 1)) ?? (facts.properNouns.length ? null : facts.lowercasePlace);
    case 'person':
      return takeNoun(ctx, (noun) => (noun.afterPreposition ? 1 : 2) + (noun.text.includes(' ') ? 1 : 0));
    case 'search':
      return take(ctx, 'quote', facts.quoted) ?? facts.topic ?? (searchWords(facts) || null);
    default:
      return take(ctx, 'quote', facts.quoted);
  }
}

function take(ctx: StringContext, kind: string, values: string[]): string | null {
  const value = values.find((item) => !ctx.used.has(`${kind}:${item}`));
  if (value === undefined) return null;
  ctx.used.add(`${kind}:${value}`);
  return value;
}

/** The unused proper noun that scores best for the role (the earliest wins a tie); `mark` takes it. */
function takeNoun(ctx: StringContext, score: (noun: ProperNoun) => number, mark = true): string | null {
  let best: ProperNoun | undefined;
  for (const noun of ctx.facts.properNouns) {
    if (ctx.used.has(`noun:${noun.text}`)) continue;
    if (!best || score(noun) > score(best)) best = noun;
  }
  if (!best) return null;
  if (mark) ctx.used.add(`noun:${best.text}`);
  return best.text;
}

function headline(body: string): string {
  const words = body.split(/\s+/).slice(0, 6).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const searches = new WeakMap<Facts, string>();

/** `contentWords` of the message, once per message (a schema may have thousands of search parameters). */
function searchWords(facts: Facts): string {
  let words = searches.get(facts);
  if (words === undefined) searches.set(facts, (words = contentWords(facts.text)));
  return words;
}

/** The message without stop words or punctuation: a search query a person might type. */
export function contentWords(text: string): string {
  return splitWords(text)
    .filter((word) => !STOP_WORDS.has(word))
    .join(' ');
}

const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

const FORMAT_CHECKS: Record<string, (value: string) => boolean> = {
  // ajv-formats' e-mail rule, so a value that passes here passes there.
  email: (v) => EMAIL.test(v),
  'idn-email': (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  date: (v) => isDate(v),
  'date-time': (v) => {
    const m = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|z|[+-]\d{2}:\d{2})$/.exec(v);
    return Boolean(m && isDate(m[1]) && +m[2] < 24 && +m[3] < 60 && +m[4] < 60);
  },
  time: (v) => /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|z|[+-]\d{2}:\d{2})?$/.test(v),
  uri: (v) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(v),
  url: (v) => /^https?:\/\/[^\s]+$/i.test(v),
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  ipv4: (v) => /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(v),
  hostname: (v) => /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(v),
};

function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return Boolean(m && isoDate(+m[1], +m[2], +m[3]));
}

/** Whether a string meets a format this module knows; unknown formats pass, as they do in Ajv. */
export function meetsFormat(value: string, format: string | undefined): boolean {
  const check = format ? FORMAT_CHECKS[format] : undefined;
  return check ? check(value) : true;
}

const PATTERN_CANDIDATES = ['abc', 'ABC', 'a', 'A', '0', '123', 'abc123', 'A1', 'x', ''];

/**
 * The value made to fit format, length and pattern; `fallback` and a few stock strings are tried when the
 * value cannot be. The pattern runs in linear time (lib/tools/linear-regexp.ts), a bounded number of
 * times: when none fits, or the pattern is one RE2 cannot run, the value is returned as it is and
 * `onIssue` hears why.
 */
export function conformString(value: string, schema: JsonSchema, fallback: string, onIssue?: (issue: PatternIssue) => void): string {
  const format = stringKeyword(schema, 'format');
  if (format === 'time' && /^\d{2}:\d{2}:\d{2}$/.test(value)) value = `${value}Z`;
  if (!meetsFormat(value, format)) value = meetsFormat(fallback, format) ? fallback : value;
  value = fitLength(value, schema);
  const pattern = stringKeyword(schema, 'pattern');
  if (pattern === undefined) return value;
  const compiled = compilePattern(pattern);
  if (compiled.kind === 'invalid') return value;
  if (compiled.kind === 'unsupported') {
    onIssue?.({ pattern, unchecked: compiled.reason });
    return value;
  }
  const verdict = testWithinBudget(compiled, value);
  if (verdict === undefined) {
    onIssue?.({ pattern, tooLong: Array.from(value).length });
    return value;
  }
  if (verdict) return value;
  const fitting = [fallback, ...PATTERN_CANDIDATES].map((candidate) => fitLength(candidate, schema)).find((c) => testWithinBudget(compiled, c) === true);
  if (fitting === undefined) onIssue?.({ pattern, unmet: true });
  return fitting ?? value;
}

/** Whether a string already meets the schema's format, length and pattern. */
export function meetsString(value: string, schema: JsonSchema): boolean {
  const length = Array.from(value).length;
  if (length < (numberKeyword(schema, 'minLength') ?? 0) || length > (numberKeyword(schema, 'maxLength') ?? Infinity)) return false;
  if (!meetsFormat(value, stringKeyword(schema, 'format'))) return false;
  const pattern = stringKeyword(schema, 'pattern');
  if (pattern === undefined) return true;
  const compiled = compilePattern(pattern);
  // A pattern RE2 cannot run is left unchecked (the lint says so), as is one that is no pattern at all,
  // and a test that would cost more than the reply's budget.
  return compiled.kind === 'ok' ? testWithinBudget(compiled, value) !== false : true;
}

/** Length in code points, as JSON Schema (and Ajv) count it. */
function fitLength(value: string, schema: JsonSchema): string {
  const min = numberKeyword(schema, 'minLength') ?? 0;
  const max = numberKeyword(schema, 'maxLength') ?? Infinity;
  let points = Array.from(value);
  if (points.length > max) points = points.slice(0, Math.max(0, Math.floor(max)));
  if (points.length >= min) return points.join('');
  const pad = padding(Math.ceil(min) - points.length);
  return `${points.join('')}${points.length || !pad ? '' : 'x'}${'.'.repeat(Math.max(0, pad - (points.length ? 0 : 1)))}`;
}
