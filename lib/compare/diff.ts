/**
 * Where the model columns' tool calls differ for one turn. The calls of every column are lined up in
 * rows, one call per column at most: first the same calls (same function, same arguments after JSON
 * normalisation), whatever order a column made its parallel calls in; then the calls left over, the
 * same function first and the most arguments in common next (a call with other values for an
 * argument), then any function (another function in the same place). A row that is not the same call
 * in every column is a difference: a call missing in some columns (extra in the others), another
 * function, or the arguments that differ, each with which column says what.
 */
import { canonicalJson } from '@/lib/util/json';
import { compareCall, type CallLike, type ComparedCall } from './calls';

export interface ArgumentDifference {
  /** The argument's name; null: the arguments as a whole (some column's are not a JSON object). */
  name: string | null;
  /** Per column: the value as canonical JSON; null when that column's call has no such argument, or it made no call in this row. */
  values: Array<string | null>;
}

export interface CallRow {
  /** Per column, in the order given: its call in this row, or null when it made none. */
  calls: Array<ComparedCall | null>;
  /** The columns (indexes) that made no call in this row: it is missing there, extra in the others. */
  missingIn: number[];
  /** The columns that made a call here did not all call the same function. */
  otherFunction: boolean;
  /** The arguments whose values differ among the columns that made the call (same function only). */
  arguments: ArgumentDifference[];
  /** Every column made this very call. */
  same: boolean;
}

export interface CallsDiff {
  rows: CallRow[];
  /** The rows that are not the same in every column. */
  differences: CallRow[];
}

/** Most calls per column lined up; a turn with more is compared on its first ones. */
export const MAX_COMPARED_CALLS = 128;

type Row = Array<ComparedCall | null>;

/** How alike two calls are: the top-level arguments they give the same value, or 1 for the same whole arguments. */
function likeness(a: ComparedCall, b: ComparedCall): number {
  if (!a.object || !b.object) return a.normalised === b.normalised ? 1 : 0;
  let shared = 0;
  for (const [key, value] of Object.entries(a.object)) {
    if (Object.hasOwn(b.object, key) && canonicalJson(value) === canonicalJson(b.object[key])) shared += 1;
  }
  return shared;
}

const first = (row: Row): ComparedCall => row.find((call) => call !== null)!;
const disjoint = (a: Row, b: Row) => a.every((call, i) => call === null || b[i] === null);
const partial = (row: Row) => row.some((call) => call === null);

/** Merges partial rows two by two, the most alike pair first (ties: the earliest), while `allowed` pairs are left. */
function mergeRows(rows: Row[], allowed: (a: ComparedCall, b: ComparedCall) => boolean): void {
  for (;;) {
    let best: { i: number; j: number; score: number } | null = null;
    for (let i = 0; i < rows.length; i++) {
      if (!partial(rows[i])) continue;
      for (let j = i + 1; j < rows.length; j++) {
        if (!disjoint(rows[i], rows[j])) continue;
        const a = first(rows[i]);
        const b = first(rows[j]);
        if (!allowed(a, b)) continue;
        const score = likeness(a, b);
        if (!best || score > best.score) best = { i, j, score };
      }
    }
    if (!best) return;
    const { i, j } = best;
    rows[i] = rows[i].map((call, c) => call ?? rows[j][c]);
    rows.splice(j, 1);
  }
}

function argumentDifferences(calls: ComparedCall[], row: Row): ArgumentDifference[] {
  if (calls.some((call) => !call.object)) {
    const texts = new Set(calls.map((call) => call.normalised));
    return texts.size > 1 ? [{ name: null, values: row.map((call) => call?.normalised ?? null) }] : [];
  }
  const names: string[] = [];
  for (const call of calls) for (const name of Object.keys(call.object!)) if (!names.includes(name)) names.push(name);
  const out: ArgumentDifference[] = [];
  for (const name of names) {
    const values = row.map((call) => (call?.object && Object.hasOwn(call.object, name) ? canonicalJson(call.object[name]) : null));
    const said = new Set(row.flatMap((call, c) => (call ? [values[c]] : [])));
    if (said.size > 1) out.push({ name, values });
  }
  return out;
}

function describeRow(row: Row): CallRow {
  const made = row.filter((call): call is ComparedCall => call !== null);
  const missingIn = row.flatMap((call, c) => (call ? [] : [c]));
  const otherFunction = new Set(made.map((call) => call.name)).size > 1;
  const args = otherFunction ? [] : argumentDifferences(made, row);
  return { calls: row, missingIn, otherFunction, arguments: args, same: missingIn.length === 0 && !otherFunction && args.length === 0 };
}

/** The calls of each column (in column order) lined up, and the rows where they differ. */
export function diffCalls(columns: ReadonlyArray<readonly CallLike[]>): CallsDiff {
  const width = columns.length;
  const rows: Row[] = [];
  columns.forEach((calls, c) => {
    for (const call of calls.slice(0, MAX_COMPARED_CALLS)) {
      const compared = compareCall(call);
      const row = rows.find((r) => r[c] === null && first(r).key === compared.key);
      if (row) row[c] = compared;
      else rows.push(Array.from({ length: width }, (_, i) => (i === c ? compared : null)));
    }
  });
  mergeRows(rows, (a, b) => a.name === b.name);
  mergeRows(rows, () => true);
  const described = rows.map(describeRow);
  return { rows: described, differences: described.filter((row) => !row.same) };
}

/** One difference in words, naming the columns by `labels` (their model ids): what the diff row says. */
export function describeDifference(row: CallRow, labels: readonly string[]): string {
  const names = (indexes: number[]) => indexes.map((i) => labels[i]).join(', ');
  const made = row.calls.flatMap((call, c) => (call ? [c] : []));
  const parts: string[] = [];
  if (row.missingIn.length) {
    const what = row.otherFunction ? 'this call' : first(row.calls).name;
    parts.push(made.length < row.missingIn.length ? `only ${names(made)} called ${what}` : `not called by ${names(row.missingIn)}: ${what}`);
  }
  if (row.otherFunction) {
    parts.push(`another function: ${made.map((c) => `${labels[c]} called ${row.calls[c]!.name}`).join(', ')}`);
  }
  if (row.arguments.length) {
    const call = first(row.calls).name;
    const named = row.arguments.flatMap((arg) => (arg.name === null ? [] : [arg.name]));
    if (!named.length) parts.push(`the arguments of ${call} differ as a whole`);
    else parts.push(`${named.length === 1 ? `argument ${named[0]} of ${call} differs` : `arguments ${named.join(', ')} of ${call} differ`}`);
  }
  // Every part starts with a word of ours, never a model id or a function name.
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
