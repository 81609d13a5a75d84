/**
 * Changes to the Tools editor's text made by the page rather than typed: a quick fix or the strict
 * switch rewrites one tool in place (the rest of the text, its formatting and comments-free layout,
 * stays as typed); an import appends to or replaces the whole list. Each is an edit of a range, so that
 * the editor applies it as one undoable step.
 */
import type { QuickFixId } from '@/lib/tool-formats/rules';
import { loadedSchemaEngine } from './schema-engine-loader';
import type { FormatChange } from '@/lib/tool-formats/types';
import type { Tool } from '@/lib/wire/chat';
import { isRecord } from '@/lib/util/json';
import { parseJsonWithRanges, type JsonNode } from './json-ranges';

/** Replace [start, end) of the text with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export type ToolEditResult = { edit: TextEdit; changes: FormatChange[] } | { error: string };

function toolsArray(text: string): { root: JsonNode; tools: unknown[] } | { error: string } {
  const parsed = parseJsonWithRanges(text);
  if ('error' in parsed) return { error: 'The tools are not valid JSON yet: fix the syntax first.' };
  if (parsed.root.type !== 'array') return { error: 'The tools must be a JSON array first.' };
  return { root: parsed.root, tools: parsed.root.value as unknown[] };
}

/** The tool at `index` written again as `tool`, indented where it stands. */
function rewriteTool(text: string, root: JsonNode, index: number, tool: unknown): TextEdit | null {
  const node = root.items?.[index];
  if (!node) return null;
  const lineStart = text.lastIndexOf('\n', node.offset - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, node.offset))?.[0] ?? '';
  return { start: node.offset, end: node.end, text: JSON.stringify(tool, null, 2).replace(/\n/g, `\n${indent}`) };
}

/** A quick fix of the providers' rules applied to one tool. */
export function quickFixEdit(text: string, fix: QuickFixId, toolIndex: number): ToolEditResult {
  const found = toolsArray(text);
  if ('error' in found) return found;
  // A fix comes from the lint, which loaded the rules with the schema checks.
  const engine = loadedSchemaEngine();
  if (!engine) return { error: 'The tools are still being checked: try the fix again in a moment.' };
  const { tools, changes } = engine.applyQuickFix(found.tools, fix, toolIndex);
  const edit = rewriteTool(text, found.root, toolIndex, tools[toolIndex]);
  return edit ? { edit, changes } : { error: `There is no tool ${toolIndex + 1} any more.` };
}

/** `strict: true` written into the tool's function (or taken out), nothing else changed. */
export function strictEdit(text: string, toolIndex: number, strict: boolean): ToolEditResult {
  const found = toolsArray(text);
  if ('error' in found) return found;
  const tool = found.tools[toolIndex];
  if (!isRecord(tool) || !isRecord(tool.function)) return { error: `Tool ${toolIndex + 1} has no "function" object to switch.` };
  const { strict: _old, ...fn } = tool.function;
  const next = { ...tool, function: strict ? { ...fn, strict: true } : fn };
  const edit = rewriteTool(text, found.root, toolIndex, next);
  return edit ? { edit, changes: [] } : { error: `There is no tool ${toolIndex + 1} any more.` };
}

/**
 * Imported tools after the current ones (their names made unique against them), or instead of them;
 * `names` are the imported tools' names as they went in, in order.
 */
export function importEdit(text: string, imported: readonly Tool[], mode: 'append' | 'replace'): { edit: TextEdit; changes: FormatChange[]; names: string[] } | { error: string } {
  const whole = { start: 0, end: text.length };
  if (mode === 'replace') return { edit: { ...whole, text: `${JSON.stringify(imported, null, 2)}\n` }, changes: [], names: imported.map((tool) => tool.function.name) };
  const found = toolsArray(text.trim() ? text : '[]');
  if ('error' in found) return found;
  const taken = new Set(found.tools.map((tool) => (isRecord(tool) && isRecord(tool.function) ? tool.function.name : null)));
  const changes: FormatChange[] = [];
  const added = imported.map((tool) => {
    let name = tool.function.name;
    for (let n = 2; taken.has(name); n++) name = `${tool.function.name.slice(0, 60)}_${n}`;
    taken.add(name);
    if (name === tool.function.name) return tool;
    changes.push({ tool: name, message: `renamed from "${tool.function.name}": a tool of that name is already in the editor` });
    return { ...tool, function: { ...tool.function, name } };
  });
  return { edit: { ...whole, text: `${JSON.stringify([...found.tools, ...added], null, 2)}\n` }, changes, names: added.map((tool) => tool.function.name) };
}

/** The text with the edit applied. */
export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}
