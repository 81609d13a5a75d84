'use client';

/**
 * The "Tools" editor: Monaco in JSON mode, uncontrolled. Seeded once (and again only when `seed.version`
 * changes), the live text goes up on every change, and the tools lint runs on a short throttle: its
 * problems become markers in the editor and a list in words underneath.
 */
import Editor, { type BeforeMount, type OnMount } from '@monaco-editor/react';
import { useCallback, useEffect, useId, useRef } from 'react';
import type { ToolsLint } from '@/lib/tools/lint';
import { prepareMonaco, THEME_DARK, THEME_LIGHT, TOOLS_MODEL_URI } from './monaco-setup';
import { runToolsLint } from './tools-lint-runner';
import { ToolsProblems } from './tools-problems';
import { usePrefersDark } from '@/components/ui/use-color-scheme';
import type { LintState, ToolsSeed } from '@/components/playground/use-workspace';
import { Button, PanelHeading } from '@/components/ui/controls';

type CodeEditor = Parameters<OnMount>[0];
type MonacoApi = Parameters<OnMount>[1];

interface Props {
  seed: ToolsSeed;
  lint: LintState;
  onText: (text: string) => void;
  onLint: (lint: ToolsLint) => void;
  /** Replaces the text from outside (used by Format before Monaco has loaded). */
  onReplace: (text: string) => void;
}

const LINT_EVERY_MS = 200;

export function ToolsEditor({ seed, lint, onText, onLint, onReplace }: Props) {
  const headingId = useId();
  const dark = usePrefersDark();
  const editorRef = useRef<CodeEditor | null>(null);
  const monacoRef = useRef<MonacoApi | null>(null);
  const textRef = useRef(seed.text);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const seededVersion = useRef(seed.version);

  const showLint = useCallback(
    (result: ToolsLint) => {
      const monaco = monacoRef.current;
      const model = editorRef.current?.getModel();
      if (monaco && model) {
        monaco.editor.setModelMarkers(
          model,
          'tools-lint',
          result.problems.map((p) => ({
            ...p,
            severity: p.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
            source: 'playground',
          })),
        );
      }
      onLint(result);
    },
    [onLint],
  );

  const runLint = useCallback(() => {
    timer.current = null;
    const text = textRef.current;
    runToolsLint(text, (result) => {
      // Only before the schema checks have loaded can the text change meanwhile; its own lint follows.
      if (textRef.current === text) showLint(result);
    });
  }, [showLint]);

  const scheduleLint = useCallback(() => {
    if (!timer.current) timer.current = setTimeout(runLint, LINT_EVERY_MS);
  }, [runLint]);

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  // Something outside replaced the tools (a template, a shared link): re-seed the editor once.
  useEffect(() => {
    if (seed.version === seededVersion.current) return;
    seededVersion.current = seed.version;
    textRef.current = seed.text;
    const editor = editorRef.current;
    if (editor && editor.getValue() !== seed.text) {
      editor.setValue(seed.text);
    }
    runLint();
  }, [seed, runLint]);

  const beforeMount: BeforeMount = (monaco) => prepareMonaco(monaco);

  const onMount: OnMount = (editor, monaco) => {
    editorRef.current = editor;
    monacoRef.current = monaco;
    if (editor.getValue() !== textRef.current) editor.setValue(textRef.current);
    runLint();
  };

  const format = () => {
    const editor = editorRef.current;
    const action = editor?.getAction('editor.action.formatDocument');
    if (editor && action) {
      void action.run();
      return;
    }
    try {
      onReplace(`${JSON.stringify(JSON.parse(textRef.current), null, 2)}\n`);
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
    <section aria-labelledby={headingId} className="flex min-h-0 flex-1 flex-col">
      <PanelHeading
        id={headingId}
        title="Tools"
        hint={count === undefined ? 'OpenAI tools JSON' : `${count} ${count === 1 ? 'function' : 'functions'}`}
      >
        <Button size="sm" variant="ghost" onClick={format} title="Format the JSON (Shift+Alt+F in the editor)">
          Format
        </Button>
      </PanelHeading>
      <div className="relative min-h-40 flex-1">
        <div className="absolute inset-0">
        <Editor
          height="100%"
          defaultLanguage="json"
          path={TOOLS_MODEL_URI}
          defaultValue={seed.text}
          theme={dark ? THEME_DARK : THEME_LIGHT}
          beforeMount={beforeMount}
          onMount={onMount}
          onChange={(value) => {
            textRef.current = value ?? '';
            onText(textRef.current);
            scheduleLint();
          }}
          loading={<div className="p-3 font-mono text-xs text-zinc-500">Loading the editor…</div>}
          options={{
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
          }}
        />
        </div>
      </div>
      <ToolsProblems lint={lint} onReveal={reveal} />
    </section>
  );
}
