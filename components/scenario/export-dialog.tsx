'use client';

/**
 * "Export code": the open scenario as a program for the whole loop against the AI/ML API, in Python,
 * TypeScript or curl — one tab each, the code as text, and a copy button per language. The code is made
 * when the dialog opens, from the scenario as it is then. Rendered while open.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { EXPORT_BASE_URL, EXPORT_KEY_ENV, exportCode, SIMULATOR_STAND_IN, type ExportLanguage } from '@/lib/export/code';
import { isSimulatorModel } from '@/lib/wire/models';
import type { Scenario } from '@/lib/scenario/base';
import { copyText } from '@/components/ui/clipboard';
import { Modal } from '@/components/ui/modal';
import { Button } from '@/components/ui/controls';

const LANGUAGES: Array<{ id: ExportLanguage; label: string; file: string }> = [
  { id: 'python', label: 'Python', file: 'pip install openai' },
  { id: 'typescript', label: 'TypeScript', file: 'npm install openai' },
  { id: 'curl', label: 'curl', file: 'bash + curl + jq' },
];

/** The functions whose mock is JavaScript: code, not data, in the TypeScript export. */
function javascriptMocks(scenario: Scenario): string[] {
  return Object.entries(scenario.mocks).flatMap(([name, mock]) => (mock.kind === 'javascript' ? [name] : []));
}

export function ExportDialog({ scenario, onClose }: { scenario: Scenario; onClose: () => void }) {
  return (
    <Modal
      open
      onClose={onClose}
      label="Export code"
      size="lg"
      description={
        <>
          The whole loop against <span className="font-mono">{EXPORT_BASE_URL}</span>, with the key from{' '}
          <span className="font-mono">{EXPORT_KEY_ENV}</span>; the functions are stubs that answer with this scenario’s results.
          {isSimulatorModel(scenario.model) ? ` The offline simulator exists only here, so the code uses ${SIMULATOR_STAND_IN}.` : ''}
          {javascriptMocks(scenario).length ? (
            <strong className="mt-1 block font-medium text-amber-800 dark:text-amber-300">
              {`This scenario has JavaScript mocks (${javascriptMocks(scenario).join(', ')}): the TypeScript code contains them exactly as whoever made the scenario wrote them, and running it runs them with your computer's full access, not in the playground's sandbox. Read them first. Python and curl leave them out and use the results they gave here.`}
            </strong>
          ) : null}
        </>
      }
    >
      <ExportTabs scenario={scenario} />
    </Modal>
  );
}

function ExportTabs({ scenario }: { scenario: Scenario }) {
  const [active, setActive] = useState<ExportLanguage>('python');
  const [copied, setCopied] = useState<{ language: ExportLanguage; ok: boolean } | null>(null);
  const code = useMemo(() => Object.fromEntries(LANGUAGES.map(({ id }) => [id, exportCode(scenario, id)])) as Record<ExportLanguage, string>, [scenario]);
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({});
  const pre = useRef<HTMLPreElement>(null);

  const choose = (id: ExportLanguage) => {
    setActive(id);
    setCopied(null);
    tabs.current[id]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const index = LANGUAGES.findIndex((l) => l.id === active);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (event.key === 'Home') choose(LANGUAGES[0].id);
    else if (event.key === 'End') choose(LANGUAGES[LANGUAGES.length - 1].id);
    else if (step) choose(LANGUAGES[(index + step + LANGUAGES.length) % LANGUAGES.length].id);
    else return;
    event.preventDefault();
  };

  const copy = async (language: ExportLanguage) => {
    const ok = await copyText(code[language]);
    setCopied({ language, ok });
    if (!ok && pre.current) {
      // Select the code so Ctrl+C copies it.
      const range = document.createRange();
      range.selectNodeContents(pre.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      pre.current.focus();
    }
  };

  const current = LANGUAGES.find((l) => l.id === active) ?? LANGUAGES[0];
  return (
    <div className="flex min-h-0 flex-col">
      <div role="tablist" aria-label="Language" onKeyDown={onKeyDown} className="flex gap-1 border-b border-zinc-200 px-3 pt-2 dark:border-zinc-800">
        {LANGUAGES.map(({ id, label }) => (
          <button
            key={id}
            ref={(el) => {
              tabs.current[id] = el;
            }}
            type="button"
            role="tab"
            id={`export-tab-${id}`}
            aria-selected={id === active}
            aria-controls={`export-panel-${id}`}
            tabIndex={id === active ? 0 : -1}
            data-autofocus={id === active ? true : undefined}
            onClick={() => choose(id)}
            className={`-mb-px rounded-t-md border px-3 py-1.5 text-[13px] font-medium ${
              id === active
                ? 'border-zinc-200 border-b-white bg-white text-indigo-700 dark:border-zinc-700 dark:border-b-zinc-900 dark:bg-zinc-900 dark:text-indigo-300'
                : 'border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100'
            }`}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`export-panel-${current.id}`} aria-labelledby={`export-tab-${current.id}`} className="flex min-h-0 flex-col gap-2 p-3">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{current.file}</span>
          <span role="status" className="ml-auto text-xs text-zinc-600 dark:text-zinc-400">
            {copied?.language === current.id
              ? copied.ok
                ? `${current.label} code copied.`
                : 'The browser did not allow copying: the code is selected, press Ctrl+C (⌘C).'
              : ''}
          </span>
          <Button size="sm" variant="primary" onClick={() => void copy(current.id)}>
            Copy {current.label}
          </Button>
        </div>
        <pre
          ref={pre}
          tabIndex={0}
          aria-label={`${current.label} code`}
          className="max-h-[min(60vh,36rem)] min-h-40 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-[12px] leading-[1.55] text-zinc-800 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-200"
        >
          {code[current.id]}
        </pre>
      </div>
    </div>
  );
}
