/**
 * The lint's quick fixes as Monaco code actions (the light bulb, Ctrl+. on a marker): each rewrites its
 * tool in place as one undoable edit, the same edit the problems list's "Fix" button makes.
 */
import type { OnMount } from '@monaco-editor/react';
import type { languages } from 'monaco-editor';
import type { LintProblem } from '@/lib/tools/lint';
import { quickFixEdit, type TextEdit } from '@/lib/tools/tools-text';

type CodeEditor = Parameters<OnMount>[0];
type MonacoApi = Parameters<OnMount>[1];
type TextModel = NonNullable<ReturnType<CodeEditor['getModel']>>;
type Marker = languages.CodeActionContext['markers'][number];

/** Monaco's range of a text edit given by offsets. */
export function editRange(model: TextModel, edit: TextEdit) {
  const start = model.getPositionAt(edit.start);
  const end = model.getPositionAt(edit.end);
  return { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column };
}

/** Registers the provider for the editor's model; the returned function removes it. */
export function registerQuickFixes(monaco: MonacoApi, editor: CodeEditor, problems: () => readonly LintProblem[]): () => void {
  const registration = monaco.languages.registerCodeActionProvider('json', {
    provideCodeActions(model: TextModel, _range: unknown, context: { markers: Marker[] }): languages.CodeActionList {
      if (model !== editor.getModel()) return { actions: [], dispose() {} };
      const actions: languages.CodeAction[] = [];
      const seen = new Set<string>();
      for (const marker of context.markers) {
        const problem = problems().find(
          (p) => p.fix && p.rule === marker.code && p.startLineNumber === marker.startLineNumber && p.startColumn === marker.startColumn,
        );
        if (!problem?.fix) continue;
        const key = `${problem.fix.id} ${problem.fix.toolIndex}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const result = quickFixEdit(model.getValue(), problem.fix.id, problem.fix.toolIndex);
        if ('error' in result) continue;
        actions.push({
          title: problem.fix.title,
          kind: 'quickfix',
          diagnostics: [marker],
          isPreferred: true,
          edit: { edits: [{ resource: model.uri, versionId: model.getVersionId(), textEdit: { range: editRange(model, result.edit), text: result.edit.text } }] },
        });
      }
      return { actions, dispose() {} };
    },
  });
  return () => registration.dispose();
}
