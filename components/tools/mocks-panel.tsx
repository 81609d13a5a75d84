'use client';

/**
 * "Mocks": one result per function name, offered in each tool call's result editor. Plain text is
 * allowed (the model receives it as is); JSON is the usual case, so text that is not JSON is pointed out.
 */
import { useId } from 'react';
import { own } from '@/lib/util/json';
import { Button, PanelHeading } from '@/components/ui/controls';
import { FoldedValue, useFoldedEdit } from '@/components/ui/folded-text';

interface Props {
  functionNames: string[];
  mocks: Record<string, string>;
  onChange: (mocks: Record<string, string>) => void;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function MocksPanel({ functionNames, mocks, onChange }: Props) {
  const id = useId();
  const orphans = Object.keys(mocks).filter((name) => !functionNames.includes(name));
  const names = [...functionNames, ...orphans];
  const set = (name: string, text: string) => onChange({ ...mocks, [name]: text });
  const remove = (name: string) => {
    const { [name]: _removed, ...rest } = mocks;
    onChange(rest);
  };

  return (
    <section aria-labelledby={`${id}-h`} className="flex max-h-[45%] min-h-0 shrink-0 flex-col border-t border-zinc-200 dark:border-zinc-800">
      <PanelHeading id={`${id}-h`} title="Mocks" hint="prefill for each result" />
      <div className="min-h-0 flex-1 space-y-3 overflow-y-auto p-3">
        {names.length === 0 ? (
          <p className="text-xs text-zinc-500 dark:text-zinc-400">Add a function to the tools to give it a mock result.</p>
        ) : null}
        {names.map((name) => {
          const text = own(mocks, name) ?? '';
          const orphan = !functionNames.includes(name);
          const fieldId = `${id}-${name}`;
          return (
            <div key={name}>
              <div className="mb-1 flex items-center gap-2">
                <label htmlFor={fieldId} className="truncate font-mono text-xs font-medium text-zinc-700 dark:text-zinc-300">
                  <span className="sr-only">Mock for </span>
                  {name}
                </label>
                {orphan ? <span className="text-[11px] text-amber-700 dark:text-amber-400">no tool has this name</span> : null}
                {text.trim() && !isJson(text) ? (
                  <span className="text-[11px] text-zinc-500 dark:text-zinc-400">not JSON: sent as plain text</span>
                ) : null}
                {orphan ? (
                  <Button size="sm" variant="ghost" className="ml-auto" onClick={() => remove(name)} aria-label={`Remove the mock for ${name}`}>
                    Remove
                  </Button>
                ) : null}
              </div>
              <MockField id={fieldId} name={name} text={text} onChange={(value) => set(name, value)} />
            </div>
          );
        })}
      </div>
    </section>
  );
}

/** One mock's box; a mock past LONG_TEXT_CHARS shows folded until the person edits it (components/ui/long-text.ts). */
function MockField({ id, name, text, onChange }: { id: string; name: string; text: string; onChange: (text: string) => void }) {
  const fold = useFoldedEdit(text);
  if (fold.folded) {
    return <FoldedValue value={text} what="mock" label={`Mock for ${name}`} id={id} onEdit={fold.edit} onClear={() => onChange('')} className="max-h-32 font-mono text-xs" />;
  }
  return (
    <textarea
      id={id}
      rows={Math.min(8, Math.max(3, text.split('\n').length))}
      spellCheck={false}
      className="w-full resize-y rounded-md border border-zinc-300 bg-zinc-50 px-2.5 py-1.5 font-mono text-xs text-zinc-900 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100"
      placeholder={`What ${name} returns, e.g. {"ok": true}`}
      value={text}
      onChange={(e) => {
        fold.edited(e.target.value);
        onChange(e.target.value);
      }}
    />
  );
}
