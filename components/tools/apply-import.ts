/**
 * Imported tools into the open work (the Import tools dialog, the Servers panel's "Add"): the tools into
 * the editor as one undoable edit, and beside them, under the names they went in as, their result schemas,
 * MCP annotations and, for tools from a configured MCP server, which server runs them.
 */
import type { PlaygroundStore } from '@/lib/store/playground-store';
import type { McpBinding, ToolAnnotations } from '@/lib/scenario/base';
import type { ImportedTool } from '@/lib/tool-formats/types';
import { importEdit } from '@/lib/tools/tools-text';
import { setOwn } from '@/lib/util/json';
import { editToolsText } from './tools-editor-handle';

/** Applies the import; the names the tools went in as, or why it could not be done. */
export function applyImport(store: PlaygroundStore, tools: readonly ImportedTool[], mode: 'append' | 'replace', bindings?: readonly McpBinding[]): { names: string[] } | { error: string } {
  const current = store.getState().tools.text;
  const made = importEdit(current, tools.map((t) => t.tool), mode);
  if ('error' in made) return made;
  editToolsText(made.edit, current, (next) => store.getState().replaceTools(next));
  const { settings, patchSettings } = store.getState();
  const byName = <T,>(pick: (tool: ImportedTool, i: number) => T | undefined) =>
    Object.fromEntries(tools.flatMap((tool, i) => {
      const value = pick(tool, i);
      return value === undefined ? [] : [[made.names[i], value] as const];
    }));
  const schemas = byName((t) => (t.resultSchema ? `${JSON.stringify(t.resultSchema, null, 2)}\n` : undefined));
  const annotations = byName((t) => (t.annotations ? flatHints(t.annotations) : undefined));
  const served = byName((_t, i) => bindings?.[i]);
  // Replace starts the tools afresh: what was kept beside the old ones goes with them.
  const keep = <T,>(old: Record<string, T> | undefined, added: Record<string, T>) => {
    const merged = { ...(mode === 'replace' ? {} : old), ...added };
    return Object.keys(merged).length ? merged : undefined;
  };
  patchSettings({
    result_schemas: { ...settings.result_schemas, ...schemas },
    tool_annotations: keep(settings.tool_annotations, annotations),
    mcp_bindings: keep(settings.mcp_bindings, served),
    ...(mode === 'replace' ? { mcp_policies: undefined } : {}),
  });
  return { names: made.names };
}

/** MCP annotations as a scenario keeps them: flat hints and a title (anything nested is left out). */
function flatHints(annotations: Record<string, unknown>): ToolAnnotations {
  const out: ToolAnnotations = {};
  for (const [key, value] of Object.entries(annotations)) {
    if (typeof value === 'boolean' || typeof value === 'number' || (typeof value === 'string' && value.length <= 1000)) setOwn(out, key, value);
  }
  return out;
}
