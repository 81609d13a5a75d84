/**
 * MCP `tools/list` results as tools: `{ tools: [...] }`, the whole JSON-RPC response around it, or the
 * bare list. An MCP tool's `outputSchema` is the function's result schema; its `annotations` are kept.
 */
import { isRecord, own } from '@/lib/util/json';
import { entriesOf, entryName, inlined, noteIgnored, type DraftRead, type ToolDraft } from './draft';
import { newInlineBudget } from './refs';
import type { FormatChange } from './types';

/** `_meta` and `icons` are for MCP clients' own use, not the model's. */
const KNOWN = new Set(['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations', '_meta', 'icons']);

export function isMcpTool(record: Record<string, unknown>): boolean {
  return Object.hasOwn(record, 'inputSchema');
}

/** A JSON-RPC response's `result`, or the value itself. */
export function jsonRpcResult(value: unknown): unknown {
  return isRecord(value) && Object.hasOwn(value, 'jsonrpc') && Object.hasOwn(value, 'result') ? value.result : value;
}

export function readMcp(value: unknown): DraftRead | { error: string } {
  const response = isRecord(value) && Object.hasOwn(value, 'jsonrpc') ? value : undefined;
  if (response && isRecord(own(response, 'error'))) {
    return { error: 'This JSON-RPC response is an error, not a tools/list result: no tools to import.' };
  }
  const entries = entriesOf(jsonRpcResult(value), 'tools', isMcpTool);
  if (entries === null) return { error: 'Not an MCP tools/list result: expected { "tools": [ { "name", "inputSchema", … } ] }.' };
  const changes: FormatChange[] = [];
  const drafts: ToolDraft[] = [];
  const budget = newInlineBudget();
  entries.forEach((entry, index) => {
    const name = entryName(entry, `tools[${index}]`, changes);
    if (name === null || !isRecord(entry)) return;
    const notes: ToolDraft['notes'] = [];
    noteIgnored(entry, KNOWN, notes);
    let description = own(entry, 'description');
    const title = own(entry, 'title');
    if ((typeof description !== 'string' || description.trim() === '') && typeof title === 'string' && title.trim() !== '') {
      description = title;
      notes.push({ path: 'description', message: 'The MCP tool has no description: its title is used.' });
    } else if (title !== undefined) {
      notes.push({ message: 'Not imported: title (an OpenAI tool has no such field; the description is kept).' });
    }
    const inputSchema = own(entry, 'inputSchema');
    if (inputSchema === undefined) notes.push({ path: 'parameters', message: 'The MCP tool has no inputSchema: it takes no arguments.' });
    drafts.push({
      name,
      description,
      parameters: inlined(inputSchema, 'parameters', notes, budget),
      resultSchema: inlined(own(entry, 'outputSchema'), 'resultSchema', notes, budget),
      annotations: own(entry, 'annotations'),
      notes,
    });
  });
  return { drafts, changes };
}
