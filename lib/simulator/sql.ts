/**
 * A plausible SQL SELECT from a question's words, for `query` parameters of SQL tools: "How many orders
 * were placed last month?" → a COUNT over `orders` with a date range on `placed_at`. Table names the
 * tool's own text mentions win over guesses; the dialect its text names (sql-dialects.ts) writes dates,
 * limits and quoted identifiers.
 */
import type { Facts } from './facts';
import { dialectOf, type SqlDialect, type TimeUnit } from './sql-dialects';
import { splitWords, stem, STOP_WORDS } from './words';

const SPELLED: Record<string, number> = { three: 3, five: 5, ten: 10, twenty: 20 };
const NOT_TABLES = new Set([
  'many', 'much', 'number', 'count', 'total', 'sum', 'average', 'avg', 'mean', 'top', 'last', 'this', 'month', 'week',
  'year', 'day', 'days', 'today', 'yesterday', 'list', 'show', 'find', 'get', 'give', 'tell', 'placed', 'made',
  'were', 'was', 'has', 'have', 'did', 'does', 'since', 'before', 'after', 'per', 'each', 'every', 'query', 'sql',
  'database', 'table', 'select', 'rows', 'records', 'return', 'run', 'please', 'all', 'by', 'with', 'their',
]);

/** Per message, per tool text: a tool may have many `query` parameters, and a request 128 tools. */
const selects = new WeakMap<Facts, Map<string, string>>();

export function buildSelect(facts: Facts, toolText: string): string {
  let cached = selects.get(facts);
  if (!cached) selects.set(facts, (cached = new Map()));
  let select = cached.get(toolText);
  if (select === undefined) cached.set(toolText, (select = selectFor(facts, toolText)));
  return select;
}

function selectFor(facts: Facts, toolText: string): string {
  const dialect = dialectOf(toolText);
  const id = (word: string) => identifier(word, dialect);
  const words = splitWords(facts.text);
  const text = words.join(' ');
  const table = pickTable(words, toolText, id);
  const filter = timeFilter(text, words, facts, dialect, id);
  const where = filter ? ` WHERE ${filter}` : '';
  const aggregate = /\b(how many|number of|count)\b/.test(text)
    ? 'COUNT(*) AS count'
    : aggregateOf(text, 'total|sum of|sum', 'SUM', id) ?? aggregateOf(text, 'average|avg|mean', 'AVG', id);
  if (aggregate) return `SELECT ${aggregate} FROM ${table}${where};`;
  const top = /\b(?:top|first|best|largest|biggest)\s+(\d+|three|five|ten|twenty)?/.exec(text);
  if (top) {
    const limit = top[1] ? (SPELLED[top[1]] ?? Number(top[1])) : 10;
    const by = /\bby\s+([a-z_]+)/.exec(text)?.[1];
    return `${dialect.limited('*', `${table}${where}${by ? ` ORDER BY ${id(by)} DESC` : ''}`, limit)};`;
  }
  return `${dialect.limited('*', `${table}${where}`, 100)};`;
}

function aggregateOf(text: string, words: string, fn: string, id: (word: string) => string): string | null {
  const match = new RegExp(`\\b(?:${words})\\s+(?:of\\s+)?(?:the\\s+)?([a-z_]+)`).exec(text);
  return match ? `${fn}(${id(match[1])}) AS ${fn.toLowerCase()}` : null;
}

/** A table the tool mentions and the question names, else a plural after "of"/"from", else the noun after "how many"…, else a plural. */
function pickTable(words: string[], toolText: string, id: (word: string) => string): string {
  // "orders(id, placed_at)" defines a table; "the sales database (T-SQL)" does not.
  const known = [...toolText.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)].map((m) => m[1].toLowerCase()).filter((name) => !NOT_TABLES.has(name));
  const stems = new Set(words.map(stem));
  const mentioned = known.find((name) => stems.has(stem(name)));
  if (mentioned) return id(mentioned);
  const content = words.filter((word) => !STOP_WORDS.has(word) && !NOT_TABLES.has(word) && !/^\d/.test(word));
  const sentence = words.join(' ');
  const plural = (word: string | undefined) => word !== undefined && !NOT_TABLES.has(word) && /[^s]s$/.test(word);
  const source = [...sentence.matchAll(/\b(?:from|of|in|for)\s+(?:the\s+|all\s+|my\s+|our\s+)?([a-z_]+)/g)].map((m) => m[1]).find(plural);
  const after = /\b(?:how many|number of|count of|all|list|show|top \d*|total|average)\s+(?:the\s+)?([a-z_]+)/.exec(sentence)?.[1];
  const choice = source ?? (after && !NOT_TABLES.has(after) ? after : (content.find(plural) ?? content[0]));
  return id(choice ?? 'records');
}

const UNITS: readonly TimeUnit[] = ['day', 'week', 'month', 'year'];
const isUnit = (word: string): word is TimeUnit => (UNITS as readonly string[]).includes(word);

function timeFilter(text: string, words: string[], facts: Facts, d: SqlDialect, id: (word: string) => string): string | null {
  const column = dateColumn(words, id);
  const lastN = /\b(?:last|past)\s+(\d+)\s+(day|week|month|year)s?\b/.exec(text);
  if (lastN && isUnit(lastN[2])) return `${column} >= ${d.minus(d.today, Number(lastN[1]), lastN[2])}`;
  const period = /\b(last|this|previous|past)\s+(day|week|month|year)\b/.exec(text);
  if (period && isUnit(period[2])) {
    const start = d.startOf(period[2]);
    return period[1] === 'this' ? `${column} >= ${start}` : `${column} >= ${d.minus(start, 1, period[2])} AND ${column} < ${start}`;
  }
  if (/\btoday\b/.test(text)) return `${column} >= ${d.today}`;
  if (/\byesterday\b/.test(text)) return `${column} >= ${d.minus(d.today, 1, 'day')} AND ${column} < ${d.today}`;
  const date = facts.dates[0];
  if (date) {
    const op = /\b(before|until|prior)\b/.test(text) ? '<' : /\b(after|since|from)\b/.test(text) ? '>=' : '=';
    return op === '=' ? `${d.dateOf(column)} = ${d.date(date)}` : `${column} ${op} ${d.date(date)}`;
  }
  return null;
}

/** "orders were placed last month" → placed_at; otherwise created_at. */
function dateColumn(words: string[], id: (word: string) => string): string {
  const at = words.findIndex((word, i) => /^(last|this|past|previous|since|before|after|today|yesterday)$/.test(word) && i > 0);
  const verb = at > 0 ? words[at - 1] : undefined;
  return verb && /[a-z]{3,}ed$/.test(verb) ? id(`${verb}_at`) : 'created_at';
}

/** Words every dialect reserves: a table or column so named is quoted the dialect's way. */
const RESERVED = new Set([
  'all', 'and', 'as', 'asc', 'by', 'case', 'check', 'column', 'default', 'desc', 'from', 'group', 'index', 'key', 'limit',
  'order', 'select', 'table', 'to', 'top', 'user', 'values', 'where',
]);

function identifier(word: string, dialect: SqlDialect): string {
  const clean = word.toLowerCase().replace(/[^a-z0-9_]/g, '');
  const name = /^[a-z_]/.test(clean) ? clean : `t_${clean}`;
  return RESERVED.has(name) ? dialect.quote(name) : name;
}
