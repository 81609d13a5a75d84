'use client';

/**
 * "Export tools": the editor's tools as Anthropic, Gemini, MCP or OpenAI (strict) JSON, each valid for
 * its target, with a report of what had to change for it. Made from the tools as they are when the
 * dialog opens. Rendered while open.
 */
import { useId, useMemo, useState } from 'react';
import { usePlaygroundStore } from '@/components/playground/store-context';
import { copyText } from '@/components/ui/clipboard';
import { Modal } from '@/components/ui/modal';
import { Button } from '@/components/ui/controls';
import { exportTools } from '@/lib/tool-formats/export';
import { EXPORT_TARGET_NAMES, EXPORT_TARGETS, type ExportTarget } from '@/lib/tool-formats/types';
import { ChangeReport } from './change-report';

export function ExportToolsDialog({ onClose }: { onClose: () => void }) {
  const id = useId();
  const store = usePlaygroundStore();
  const [target, setTarget] = useState<ExportTarget>('anthropic');
  const [copied, setCopied] = useState<boolean | null>(null);
  const source = useMemo(() => {
    const { tools, settings } = store.getState();
    const resultSchemas: Record<string, unknown> = {};
    for (const [name, text] of Object.entries(settings.result_schemas)) {
      try {
        resultSchemas[name] = JSON.parse(text);
      } catch {
        // A result schema that is not JSON yet is left out of the export.
      }
    }
    return { tools: tools.lint.tools ?? tools.lastValid, extras: { resultSchemas, annotations: settings.tool_annotations ?? {} }, stale: !tools.lint.tools };
  }, [store]);
  const result = useMemo(() => exportTools(source.tools, target, source.extras), [source, target]);
  const json = useMemo(() => `${JSON.stringify(result.value, null, 2)}\n`, [result]);

  const download = () => {
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `tools.${target}.json`;
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Modal
      open
      onClose={onClose}
      label="Export tools"
      size="lg"
      description={
        source.stale
          ? 'The editor’s tools have errors: these are the last tools that passed its checks.'
          : 'The tools in the editor, written for another provider or for an MCP server.'
      }
    >
      <div className="space-y-3">
        <fieldset className="flex flex-wrap gap-1.5">
          <legend className="sr-only">Export as</legend>
          {EXPORT_TARGETS.map((t) => (
            <label
              key={t}
              className={`cursor-pointer rounded-md border px-2.5 py-1 text-xs font-medium has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500 ${
                t === target
                  ? 'border-indigo-500 bg-indigo-50 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200'
                  : 'border-zinc-300 text-zinc-700 dark:border-zinc-700 dark:text-zinc-300'
              }`}
            >
              <input
                type="radio"
                name={`${id}-target`}
                value={t}
                checked={t === target}
                onChange={() => {
                  setTarget(t);
                  setCopied(null);
                }}
                className="sr-only"
                data-autofocus={t === target ? true : undefined}
              />
              {EXPORT_TARGET_NAMES[t]}
            </label>
          ))}
        </fieldset>
        <pre
          aria-label={`Tools as ${EXPORT_TARGET_NAMES[target]} JSON`}
          tabIndex={0}
          className="max-h-80 overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs text-zinc-800 dark:bg-zinc-950 dark:text-zinc-200"
        >
          {json}
        </pre>
        <section aria-label="Export report" className="max-h-40 overflow-y-auto text-xs">
          <ChangeReport changes={result.changes} empty={`Valid for ${EXPORT_TARGET_NAMES[target]} as they are: nothing had to change.`} />
        </section>
        <div className="flex items-center justify-end gap-2">
          {copied !== null ? (
            <span role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
              {copied ? 'Copied.' : 'The browser refused the clipboard: select the JSON and copy it.'}
            </span>
          ) : null}
          <Button variant="ghost" onClick={download}>
            Download
          </Button>
          <Button variant="primary" onClick={async () => setCopied(await copyText(json))}>
            Copy
          </Button>
        </div>
      </div>
    </Modal>
  );
}
