/**
 * What each format's reader gives import.ts: tools as the format declared them (names not yet made
 * OpenAI-valid, schemas not yet checked), with the changes made so far. import.ts finishes them the same
 * way for every format, so the limits and checks live in one place.
 */
import { isRecord, own } from '@/lib/util/json';
import { inlineWithin, type InlineBudget } from './refs';
import type { FormatChange } from './types';

/** A change to one tool, before the tool has its final name. */
export interface Note {
  path?: string;
  message: string;
}

export interface ToolDraft {
  name: string;
  description?: unknown;
  parameters?: unknown;
  strict?: unknown;
  resultSchema?: unknown;
  annotations?: unknown;
  notes: Note[];
}

export interface DraftRead {
  drafts: ToolDraft[];
  /** Changes to the whole document (an entry skipped, a wrapper unwrapped). */
  changes: FormatChange[];
}

export type DraftReader = (value: unknown) => DraftRead | { error: string };

/**
 * The entries of a list in any of its wrappings: the list itself, `{ [key]: [...] }`, or one entry alone
 * (`isEntry` says whether a record is an entry rather than a wrapper).
 */
export function entriesOf(value: unknown, key: string, isEntry: (record: Record<string, unknown>) => boolean): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (!isRecord(value)) return null;
  const list = own(value, key);
  if (Array.isArray(list)) return list;
  return isEntry(value) ? [value] : null;
}

/** The entry's name, or null with the entry reported as skipped. */
export function entryName(entry: unknown, label: string, changes: FormatChange[]): string | null {
  if (!isRecord(entry)) {
    changes.push({ tool: null, message: `${label} is ${describeValue(entry)}, not a tool object: skipped.` });
    return null;
  }
  const name = own(entry, 'name');
  if (typeof name !== 'string' || name.trim() === '') {
    changes.push({ tool: null, message: `${label} has no name (a non-empty string): skipped.` });
    return null;
  }
  return name;
}

/** "a string", "a list", "null": what a value is, for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Reports the fields of an entry that the import has no place for, so nothing goes silently. */
export function noteIgnored(entry: Record<string, unknown>, known: ReadonlySet<string>, notes: Note[]): void {
  const ignored = Object.keys(entry).filter((key) => !known.has(key));
  if (ignored.length > 0) notes.push({ message: `Not imported: ${ignored.join(', ')} (an OpenAI tool has no such field${ignored.length > 1 ? 's' : ''}).` });
}

/** Whether a `$ref` appears anywhere (the input is depth-bounded before readers run). */
function hasRef(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasRef);
  if (!isRecord(value)) return false;
  return typeof own(value, '$ref') === 'string' || Object.values(value).some(hasRef);
}

/**
 * A schema from MCP, Anthropic or Gemini with its local `$ref`s inlined (pydantic-made schemas put their
 * models in `$defs`): the providers it goes to next do not all follow references. One budget serves a
 * whole import, so a list of many tools full of `$ref`s costs bounded work too.
 */
export function inlined(schema: unknown, path: string, notes: Note[], budget: InlineBudget): unknown {
  if (!isRecord(schema) || !hasRef(schema)) return schema;
  const result = inlineWithin(schema, { path }, budget, 0);
  notes.push(...result.changes.map(({ path: at, message }) => ({ ...(at ? { path: at } : {}), message })));
  return result.schema;
}
