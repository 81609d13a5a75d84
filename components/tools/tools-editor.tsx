'use client';

/**
 * The "Tools" editor: Monaco in JSON mode, uncontrolled. It takes the store's text when it mounts and
 * again only when something else replaced it (`tools.seed`); every change goes to the store, which
 * lints on a throttle; the lint's problems become markers here and a list in words underneath.
 *
 * Tab: when focus arrives by keyboard, Tab and Shift+Tab move focus on (Monaco's tab focus mode), so a
 * keyboard user is never trapped; after a click, Tab indents as in any editor, and Escape hands Tab
 * back to focus moving. A line under the editor says which it is (always there, so the editor does not change size on focus).
 */
import Editor, { type BeforeMount, type OnMount } from '@monaco-editor/react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { usePrefersDark } from '@/components/ui/use-color-scheme';
import { Button, PanelHeading } from '@/components/ui/controls';
import type { LintState } from '@/lib/store/types';
import { prepareMonaco, THEME_DARK, THEME_LIGHT, TOOLS_MODEL_URI } from './monaco-setup';
import { ToolsProblems } from './tools-problems';
import { editRange, registerQuickFixes } from './quick-fixes';
import { editToolsText, registerToolsEditor } from './tools-editor-handle';
import { CheckFor } from './check-for';
import { ConversationRules } from './conversation-rules';
import { StrictSwitches } from './strict-switches';
import type { TextEdit } from '@/lib/tools/tools-text';

type CodeEditor = Parameters<OnMount>[0];
type MonacoApi = Parameters<OnMount>[1];

/** Monaco's options apart from tab focus mode (which follows how focus arrived). */
const EDITOR_OPTIONS = {
  ariaLabel: 'Tools',
  minimap: { enabled: false },
  fontSize: 13,
  lineHeight: 19,
  fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace",
  tabSize: 2,
  scrollBeyondLastLine: false,
  automaticLayout: true,
  wordWrap: 'on',
  wrappingIndent: 'indent',
  fixedOverflowWidgets: true,
  renderLineHighlight: 'line',
  padding: { top: 8, bottom: 8 },
  lineNumbersMinChars: 3,
  folding: true,
  scrollbar: { verticalScrollbarSize: 8, horizontalScrollbarSize: 8 },
  formatOnPaste: true,
  // U+2028 and U+2029 are valid in JSON strings (a pasted or shared description may hold them): they stay
  // as data, without Monaco's own "unusual line terminators" dialog asking to remove them.
  unusualLineTerminators: 'off',
} satisfies Parameters<typeof Editor>[0]['options'];

/** A focus this soon after a pointer press on the editor came from that press, not from Tab. */
const POINTER_FOCUS_MS = 600;

function showMarkers(monaco: MonacoApi | null, editor: CodeEditor | null, lint: LintState) {
  const model = editor?.getModel();
  if (!monaco || !model) return;
  monaco.editor.setModelMarkers(
    model,
    'tools-lint',
    lint.problems.map((p) => ({
      ...p,
      severity: p.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      source: p.source ?? 'playground',
      ...(p.rule ? { code: p.rule } : {}),
    })),
  );
}

export function ToolsEditor({ onOpenDialog }: { onOpenDialog: (dialog: 'import' | 'export') => void }) {
  const headingId = useId();
  const hintId = useId();
  const dark = usePrefersDark();
  const store = usePlaygroundStore();
  const { seed, lint } = usePlayground((s) => ({ seed: s.tools.seed, lint: s.tools.lint }));
  const editorRef = useRef<CodeEditor | null>(null);
  const monacoRef = useRef<MonacoApi | null>(null);
  const seededVersion = useRef(seed);
  const pointerAt = useRef(-Infinity);
  const [focus, setFocus] = useState<'none' | 'tab-moves' | 'tab-indents'>('none');

  // Something else replaced the tools (a template, a shared link): the editor takes the new text once.
  useEffect(() => {
    if (seed === seededVersion.current) return;
    seededVersion.current = seed;
    const editor = editorRef.current;
    const text = store.getState().tools.text;
    if (editor && editor.getValue() !== text) editor.setValue(text);
  }, [seed, store]);

  // The lint's problems as markers.
  useEffect(() => showMarkers(monacoRef.current, editorRef.current, lint), [lint]);
  // Unregisters what onMount registered (the editor handle and the quick fixes).
  const unmount = useRef<Array<() => void>>([]);
  useEffect(() => () => unmount.current.splice(0).forEach((undo) => undo()), []);

  const beforeMount: BeforeMount = (monaco) => prepareMonaco(monaco);

  // The editor takes `options` again whenever they change: tab focus mode is part of them.
  const tabMoves = (moves: boolean) => setFocus(moves ? 'tab-moves' : 'tab-indents');
  const options = useMemo(() => ({ ...EDITOR_OPTIONS, tabFocusMode: focus === 'tab-moves' }), [focus]);

  const onMount: OnMount = (editor, monaco) => {
    editorRef.current = editor;
    monacoRef.current = monaco;
    const text = store.getState().tools.text;
    if (editor.getValue() !== text) editor.setValue(text);
    seededVersion.current = store.getState().tools.seed;
    editor.onDidFocusEditorText(() => tabMoves(performance.now() - pointerAt.current > POINTER_FOCUS_MS));
    editor.onDidBlurEditorText(() => setFocus('none'));
    editor.onMouseDown(() => tabMoves(false));
    // Escape (when no widget of the editor's own wants it) gives Tab back to moving focus.
    editor.addCommand(monaco.KeyCode.Escape, () => tabMoves(true), 'editorTextFocus && !suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && !renameInputVisible');
    showMarkers(monaco, editor, store.getState().tools.lint);
    unmount.current.push(
      registerQuickFixes(monaco, editor, () => store.getState().tools.lint.problems),
      registerToolsEditor((edit) => {
        const model = editor.getModel();
        if (!model) return;
        editor.pushUndoStop();
        editor.executeEdits('playground', [{ range: editRange(model, edit), text: edit.text, forceMoveMarkers: true }]);
        editor.pushUndoStop();
      }),
    );
  };

  /** A page-made change of the text (a fix, the strict switch), as one undoable edit. */
  const applyEdit = (edit: TextEdit) => editToolsText(edit, store.getState().tools.text, (text) => store.getState().replaceTools(text));

  const format = () => {
    const editor = editorRef.current;
    const action = editor?.getAction('editor.action.formatDocument');
    if (editor && action) {
      void action.run();
      return;
    }
    try {
      store.getState().replaceTools(`${JSON.stringify(JSON.parse(store.getState().tools.text), null, 2)}\n`);
    } catch {
      // Not JSON yet: the problems list already says where.
    }
  };

  const reveal = (line: number, column: number) => {
    const editor = editorRef.current;
    if (!editor) return;
    editor.revealPositionInCenter({ lineNumber: line, column });
    editor.setPosition({ lineNumber: line, column });
    editor.focus();
  };

  const count = lint.tools?.length;
  return (
    <section aria-labelledby={headingId} className="flex min-h-0 flex-1 flex-col overflow-hidden">
      <PanelHeading
        id={headingId}
        title="Tools"
        hint={count === undefined ? 'OpenAI tools JSON' : `${count} ${count === 1 ? 'function' : 'functions'}`}
      >
        <Button size="sm" variant="ghost" onClick={format} title="Format the JSON (Shift+Alt+F in the editor)">
          Format
        </Button>
      </PanelHeading>
      <div className="flex items-center gap-0.5 border-b border-zinc-200 px-1.5 py-1 dark:border-zinc-800">
        <Button size="sm" variant="ghost" aria-label="Import tools" onClick={() => onOpenDialog('import')}>
          Import
        </Button>
        <Button size="sm" variant="ghost" aria-label="Export tools" onClick={() => onOpenDialog('export')}>
          Export
        </Button>
        <StrictSwitches onEdit={applyEdit} />
        <CheckFor />
      </div>
      <div
        className="relative min-h-32 flex-1"
        onPointerDownCapture={() => {
          pointerAt.current = performance.now();
        }}
      >
        <div className="absolute inset-0">
          <Editor
            height="100%"
            defaultLanguage="json"
            path={TOOLS_MODEL_URI}
            defaultValue={store.getState().tools.text}
            theme={dark ? THEME_DARK : THEME_LIGHT}
            beforeMount={beforeMount}
            onMount={onMount}
            onChange={(value) => store.getState().toolsEdited(value ?? '')}
            loading={<div className="p-3 font-mono text-xs text-zinc-500 dark:text-zinc-400">Loading the editor…</div>}
            options={options}
          />
        </div>
      </div>
      <p
        id={hintId}
        aria-live="polite"
        className="border-t border-zinc-200 px-3 py-1 text-[11px] text-zinc-600 dark:border-zinc-800 dark:text-zinc-400"
      >
        {focus === 'tab-indents' ? 'Tab indents. Press Escape, then Tab, to move on from the editor.' : 'Tab moves on from the editor; click in the text to indent with Tab.'}
      </p>
      <ToolsProblems lint={lint} onReveal={reveal} onEdit={applyEdit} text={() => store.getState().tools.text} />
      <ConversationRules />
    </section>
  );
}
