'use client';

/** The tools' problems in words under the editor; each one jumps to its place. */
import { CHECKING_TOOLS } from '@/lib/store/selectors';
import type { LintState } from '@/lib/store/types';
import { quickFixEdit, type TextEdit } from '@/lib/tools/tools-text';

interface Props {
  lint: LintState;
  onReveal: (line: number, column: number) => void;
  /** Applies a quick fix's edit to the editor. */
  onEdit: (edit: TextEdit) => void;
  /** The editor's text now (a fix is computed from it when clicked). */
  text: () => string;
}

export function ToolsProblems({ lint, onReveal, onEdit, text }: Props) {
  if (lint.checking) {
    return (
      <p role="status" className="border-t border-zinc-200 px-3 py-2 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
        {CHECKING_TOOLS}
      </p>
    );
  }
  if (lint.problems.length === 0) {
    const names = lint.tools?.map((t) => t.function.name).join(', ');
    return (
      <p role="status" className="flex items-center gap-1.5 border-t border-zinc-200 px-3 py-2 text-xs text-emerald-700 dark:border-zinc-800 dark:text-emerald-400">
        <span aria-hidden>✓</span>
        <span className="truncate">{lint.tools?.length ? `Valid: ${names}` : 'Valid: no tools (the model can only answer in text)'}</span>
      </p>
    );
  }
  const errors = lint.errorCount;
  const warnings = lint.problems.length - errors;
  const summary = [errors && `${errors} ${errors === 1 ? 'error' : 'errors'}`, warnings && `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`]
    .filter(Boolean)
    .join(', ');
  return (
    <div className="max-h-32 min-h-14 shrink overflow-y-auto border-t border-zinc-200 dark:border-zinc-800">
      <p className="sticky top-0 bg-white px-3 pt-2 pb-1 text-xs font-medium text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
        {summary}
      </p>
      <ul aria-label="Tool problems" className="space-y-0.5 px-1.5 pb-2">
        {lint.problems.map((p, i) => (
          <li key={i} className="flex items-start gap-1">
            <button
              type="button"
              onClick={() => onReveal(p.startLineNumber, p.startColumn)}
              className="flex min-w-0 flex-1 items-start gap-2 rounded px-1.5 py-1 text-left text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800"
            >
              <span
                aria-hidden
                className={`mt-1 size-2 shrink-0 rounded-full ${p.severity === 'error' ? 'bg-rose-500' : 'bg-amber-500'}`}
              />
              <span className="min-w-0 flex-1 text-zinc-800 dark:text-zinc-200">
                <span className="sr-only">{p.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
                {p.message}
                {p.source ? <span className="ml-1 text-zinc-500 dark:text-zinc-400">({p.source})</span> : null}
              </span>
              <span className="shrink-0 font-mono text-[11px] text-zinc-500 dark:text-zinc-400">
                {p.startLineNumber}:{p.startColumn}
              </span>
            </button>
            {p.fix ? (
              <button
                type="button"
                onClick={() => {
                  const result = quickFixEdit(text(), p.fix!.id, p.fix!.toolIndex);
                  if ('edit' in result) onEdit(result.edit);
                }}
                className="mt-0.5 shrink-0 rounded border border-zinc-300 px-1.5 py-0.5 text-[11px] font-medium text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
              >
                {p.fix.title}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
