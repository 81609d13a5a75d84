/**
 * How the page changes the Tools editor's text (a quick fix, the strict switch, an import): through the
 * mounted editor as one edit, so that the editor's Undo takes it back; through the store when the
 * editor is not mounted (still loading).
 */
import type { TextEdit } from '@/lib/tools/tools-text';
import { applyEdit } from '@/lib/tools/tools-text';

type Apply = (edit: TextEdit) => void;

let mounted: Apply | null = null;

/** The editor registers itself while mounted; the returned function unregisters it. */
export function registerToolsEditor(apply: Apply): () => void {
  mounted = apply;
  return () => {
    if (mounted === apply) mounted = null;
  };
}

/** Applies the edit to the editor, or else hands the whole new text to `fallback` (the store's replaceTools). */
export function editToolsText(edit: TextEdit, current: string, fallback: (text: string) => void) {
  if (mounted) mounted(edit);
  else fallback(applyEdit(current, edit));
}
