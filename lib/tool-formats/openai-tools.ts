/**
 * OpenAI tools as given: Chat Completions' `{ type: "function", function: {...} }`, the Responses API's
 * flat `{ type: "function", name, parameters, strict }`, bare function objects (the legacy `functions`
 * list), in a list, `{ tools: [...] }`, `{ functions: [...] }` or alone.
 */
import { isRecord, own } from '@/lib/util/json';
import { entryName, noteIgnored, type DraftRead, type Note, type ToolDraft } from './draft';
import type { FormatChange } from './types';

const FUNCTION_KEYS = new Set(['type', 'name', 'description', 'parameters', 'strict']);
const TOOL_KEYS = new Set(['type', 'function']);

/** A tool or function object: what the Chat Completions or Responses API takes. */
export function isOpenAiTool(record: Record<string, unknown>): boolean {
  const type = own(record, 'type');
  if (type === 'function') return isRecord(own(record, 'function')) || typeof own(record, 'name') === 'string';
  return type === undefined && typeof own(record, 'name') === 'string' && Object.keys(record).every((key) => FUNCTION_KEYS.has(key));
}

function listOf(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (!isRecord(value)) return null;
  for (const key of ['tools', 'functions']) {
    const list = own(value, key);
    if (Array.isArray(list)) return list;
  }
  return isOpenAiTool(value) ? [value] : null;
}

export function readOpenAi(value: unknown): DraftRead | { error: string } {
  const entries = listOf(value);
  if (entries === null) return { error: 'Not OpenAI tools: expected [ { "type": "function", "function": { "name", "description", "parameters" } } ].' };
  const changes: FormatChange[] = [];
  const drafts: ToolDraft[] = [];
  entries.forEach((entry, index) => {
    const label = `tools[${index}]`;
    const type = isRecord(entry) ? own(entry, 'type') : undefined;
    if (type !== undefined && type !== 'function') {
      changes.push({ tool: null, message: `${label} is a ${JSON.stringify(type)} tool, not a function: skipped.` });
      return;
    }
    const nested = isRecord(entry) ? own(entry, 'function') : undefined;
    const fn = isRecord(nested) ? nested : entry;
    const name = entryName(fn, isRecord(nested) ? `${label}.function` : label, changes);
    if (name === null || !isRecord(fn)) return;
    const notes: Note[] = [];
    if (fn !== entry && isRecord(entry)) noteIgnored(entry, TOOL_KEYS, notes);
    noteIgnored(fn, FUNCTION_KEYS, notes);
    drafts.push({ name, description: own(fn, 'description'), parameters: own(fn, 'parameters'), strict: own(fn, 'strict'), notes });
  });
  return { drafts, changes };
}
