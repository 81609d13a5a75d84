/**
 * Anthropic Messages API tools: `[{ name, description, input_schema }]` or `{ tools: [...] }`. Server
 * tools (`{ type: "web_search_20250305", name }`) run at Anthropic and have no schema: reported, skipped.
 */
import { isRecord, own } from '@/lib/util/json';
import { entriesOf, entryName, inlined, noteIgnored, type DraftRead, type ToolDraft } from './draft';
import { newInlineBudget } from './refs';
import type { FormatChange } from './types';

const KNOWN = new Set(['type', 'name', 'description', 'input_schema', 'cache_control']);

export function isAnthropicTool(record: Record<string, unknown>): boolean {
  return Object.hasOwn(record, 'input_schema');
}

/** Anthropic's server and client-defined tools name their version: `web_search_20250305`, `bash_20250124`. */
export function isAnthropicServerTool(record: Record<string, unknown>): boolean {
  const type = own(record, 'type');
  return typeof type === 'string' && /_\d{8}$/.test(type) && !isAnthropicTool(record);
}

export function readAnthropic(value: unknown): DraftRead | { error: string } {
  const entries = entriesOf(value, 'tools', (record) => isAnthropicTool(record) || isAnthropicServerTool(record));
  if (entries === null) return { error: 'Not Anthropic tools: expected [ { "name", "description", "input_schema" } ] or { "tools": [...] }.' };
  const changes: FormatChange[] = [];
  const drafts: ToolDraft[] = [];
  const budget = newInlineBudget();
  entries.forEach((entry, index) => {
    if (isRecord(entry) && !isAnthropicTool(entry)) {
      const type = own(entry, 'type');
      const what = typeof type === 'string' ? `the Anthropic-defined tool ${JSON.stringify(type)}` : 'a tool without input_schema';
      changes.push({ tool: null, message: `tools[${index}] is ${what}: it has no schema of its own to import, skipped.` });
      return;
    }
    const name = entryName(entry, `tools[${index}]`, changes);
    if (name === null || !isRecord(entry)) return;
    const notes: ToolDraft['notes'] = [];
    noteIgnored(entry, KNOWN, notes);
    if (own(entry, 'cache_control') !== undefined) notes.push({ message: 'cache_control dropped: it is Anthropic prompt caching, not part of the tool.' });
    drafts.push({ name, description: own(entry, 'description'), parameters: inlined(own(entry, 'input_schema'), 'parameters', notes, budget), notes });
  });
  return { drafts, changes };
}
