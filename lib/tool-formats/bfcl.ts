/**
 * BFCL (Berkeley Function Calling Leaderboard) functions as tools: a list of `{ name, description,
 * parameters }` in BFCL's dialect (`dict`, `float`, `tuple`, `any`, `optional`), or one question line
 * `{ id, question, function: [...] }`. The dialect is converted by lib/evaluate/bfcl-schema.ts; its dotted
 * names are mapped the way lib/evaluate does (import.ts uses the same wireNames for every format).
 */
import { bfclToJsonSchema } from '@/lib/evaluate/bfcl-schema';
import { isRecord, own } from '@/lib/util/json';
import { entryName, noteIgnored, type DraftRead, type Note, type ToolDraft } from './draft';
import { keywordKind } from '@/lib/util/schema-keywords';
import type { FormatChange } from './types';

const KNOWN = new Set(['name', 'description', 'parameters']);
const DIALECT_TYPES: Record<string, string> = { dict: 'object', float: 'number', tuple: 'array', any: 'no type (anything)' };

/** A question line: `{ id, question, function: [...] }`. */
export function isBfclQuestion(value: unknown): boolean {
  return isRecord(value) && Array.isArray(own(value, 'function')) && Object.hasOwn(value, 'question');
}

/** A function list in BFCL's dialect: the parameters of some function are a `dict`. */
export function isBfclFunctions(value: unknown): boolean {
  return Array.isArray(value) && value.some((entry) => isRecord(entry) && isRecord(entry.parameters) && entry.parameters.type === 'dict');
}

export function readBfcl(value: unknown): DraftRead | { error: string } {
  const functions = isRecord(value) ? own(value, 'function') : value;
  if (!Array.isArray(functions)) return { error: 'Not BFCL functions: expected [ { "name", "description", "parameters" } ] or a question line { "id", "question", "function": [...] }.' };
  const changes: FormatChange[] = [];
  const drafts: ToolDraft[] = [];
  functions.forEach((entry, index) => {
    const name = entryName(entry, `function[${index}]`, changes);
    if (name === null || !isRecord(entry)) return;
    const notes: Note[] = [];
    noteIgnored(entry, KNOWN, notes);
    const source = own(entry, 'parameters');
    const counts = new Map<string, number>();
    countDialect(source, counts);
    if (counts.size > 0) {
      const words = [...counts].map(([what, count]) => `${what}${count > 1 ? ` (${count}×)` : ''}`).join(', ');
      notes.push({ path: 'parameters', message: `BFCL's dialect written as JSON Schema: ${words}.` });
    }
    drafts.push({ name, description: own(entry, 'description'), parameters: source === undefined ? undefined : bfclToJsonSchema(source), notes });
  });
  return { drafts, changes };
}

/** What bfclToJsonSchema changes, counted by kind (the input is depth-bounded by the caller). */
function countDialect(schema: unknown, counts: Map<string, number>): void {
  if (!isRecord(schema)) return;
  const add = (what: string) => counts.set(what, (counts.get(what) ?? 0) + 1);
  for (const [key, value] of Object.entries(schema)) {
    const kind = keywordKind(key);
    if (key === 'type') {
      for (const type of Array.isArray(value) ? value : [value]) {
        if (typeof type === 'string' && Object.hasOwn(DIALECT_TYPES, type)) add(`${type} → ${DIALECT_TYPES[type]}`);
      }
    } else if (key === 'optional') add('optional dropped (required says it)');
    else if ((kind === 'map' || kind === 'definitions') && isRecord(value)) Object.values(value).forEach((item) => countDialect(item, counts));
    else if ((kind === 'list' || kind === 'schema') && Array.isArray(value)) value.forEach((item) => countDialect(item, counts));
    else if (kind === 'schema') countDialect(value, counts);
  }
}
