'use client';

/**
 * "Library": the scenarios saved in this browser — name, model, date — to open, rename, duplicate or
 * delete; "Import" reads a scenario `.json` file into it, "Export .json" downloads the open scenario.
 * Every problem (storage refused, a file that is not a scenario) is said in the dialog, in words.
 * Rendered while open.
 */
import { useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { parseScenarioFile, type LibraryEntry } from '@/lib/scenario/library';
import { browserLibrary, libraryVersion, onLibraryChange } from './browser-library';
import { Modal } from '@/components/ui/modal';
import { Button, fieldClass } from '@/components/ui/controls';
import { plural } from '@/lib/util/words';

interface Props {
  onClose: () => void;
  /** The entry the workspace was opened from or saved as. */
  currentId: string | null;
  /** Open a saved entry; resolves to whether it was opened (the person may keep their work). */
  onOpen: (entry: LibraryEntry) => Promise<boolean>;
  /** A file was imported (and saved as this entry). */
  onImported: (entry: LibraryEntry) => Promise<boolean>;
  onRenamed: (id: string, name: string) => void;
  onDeleted: (id: string) => void;
  onExportJson: () => void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function LibraryDialog(props: Props) {
  return (
    <Modal
      open
      onClose={props.onClose}
      label="Library"
      description="Scenarios saved in this browser. Import a .json file someone sent you, or export the open scenario as one."
    >
      <LibraryBody {...props} />
    </Modal>
  );
}

function LibraryBody({ currentId, onOpen, onImported, onRenamed, onDeleted, onExportJson, onClose }: Props) {
  const library = browserLibrary();
  // Listed again whenever the Library changes, here or in another tab.
  const version = useSyncExternalStore(onLibraryChange, libraryVersion, libraryVersion);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` is what says the storage changed
  const { entries, error: listError } = useMemo(() => library.list(), [library, version]);
  const [problem, setProblem] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const id = useId();

  const run = <T,>(result: { ok: true; value: T } | { ok: false; error: string }): result is { ok: true; value: T } => {
    setProblem(result.ok ? null : result.error);
    return result.ok;
  };

  const open = async (entryId: string) => {
    const result = library.open(entryId);
    if (!run(result)) return;
    if (await onOpen(result.value)) onClose();
  };

  const rename = () => {
    if (!renaming) return;
    const result = library.rename(renaming.id, renaming.name);
    if (run(result)) onRenamed(renaming.id, result.value.scenario.name);
    setRenaming(null);
  };

  const remove = (entryId: string) => {
    if (run(library.delete(entryId))) onDeleted(entryId);
    setDeleting(null);
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const parsed = parseScenarioFile(await file.text());
    if (fileRef.current) fileRef.current.value = '';
    if (!parsed.ok) {
      setProblem(`“${file.name}” could not be imported: ${parsed.error}`);
      return;
    }
    const saved = library.save(parsed.value);
    if (!run(saved)) return;
    if (await onImported(saved.value)) onClose();
  };

  return (
    <div className="flex flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-zinc-200 px-4 py-2.5 dark:border-zinc-800">
        <Button size="sm" onClick={() => fileRef.current?.click()} data-autofocus>
          Import
        </Button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          aria-label="Scenario file to import"
          className="hidden"
          onChange={(event) => void importFile(event.target.files?.[0])}
        />
        <Button size="sm" onClick={onExportJson}>
          Export .json
        </Button>
        <span className="ml-auto text-xs text-zinc-500 dark:text-zinc-400">{plural(entries.length, 'saved scenario')}</span>
      </div>

      {problem || listError ? (
        <p role="alert" className="mx-4 mt-3 rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-[13px] text-rose-800 dark:border-rose-900 dark:bg-rose-950/50 dark:text-rose-200">
          {problem ?? listError}
        </p>
      ) : null}

      {entries.length === 0 ? (
        <p className="px-4 py-8 text-center text-[13px] text-zinc-500 dark:text-zinc-400">
          Nothing saved yet. “Save” in the header keeps the open scenario here.
        </p>
      ) : (
        <ul aria-label="Saved scenarios" className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {entries.map((entry) => {
            const nameId = `${id}-${entry.id}`;
            return (
              <li key={entry.id} aria-labelledby={nameId} className="px-4 py-3">
                {renaming?.id === entry.id ? (
                  <form
                    className="flex flex-wrap items-center gap-2"
                    onSubmit={(event) => {
                      event.preventDefault();
                      rename();
                    }}
                  >
                    <input
                      autoFocus
                      aria-label="New name"
                      value={renaming.name}
                      maxLength={200}
                      onChange={(event) => setRenaming({ id: entry.id, name: event.target.value })}
                      onKeyDown={(event) => {
                        if (event.key !== 'Escape') return;
                        event.preventDefault(); // keeps the dialog open
                        setRenaming(null);
                      }}
                      className={`${fieldClass} min-w-0 flex-1 basis-48`}
                    />
                    <Button size="sm" variant="primary" type="submit">
                      Save name
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => setRenaming(null)}>
                      Cancel
                    </Button>
                  </form>
                ) : (
                  <div className="flex flex-wrap items-baseline gap-x-2">
                    <span id={nameId} className="text-sm font-semibold break-words">
                      {entry.name}
                    </span>
                    {entry.id === currentId ? (
                      <span className="rounded-full bg-indigo-50 px-2 py-0.5 text-[11px] font-medium text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
                        open now
                      </span>
                    ) : null}
                  </div>
                )}
                <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
                  <span className="font-mono">{entry.model}</span> · {dateFormat.format(new Date(entry.savedAt))} ·{' '}
                  {plural(entry.toolCount, 'tool')} · {plural(entry.messageCount, 'message')}
                </p>
                {deleting === entry.id ? (
                  <div className="mt-2 flex flex-wrap items-center gap-2 text-[13px]">
                    <span className="text-rose-700 dark:text-rose-300">Delete “{entry.name}” from the Library?</span>
                    <Button size="sm" variant="reject" onClick={() => remove(entry.id)}>
                      Yes, delete
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => setDeleting(null)}>
                      Cancel
                    </Button>
                  </div>
                ) : renaming?.id === entry.id ? null : (
                  <div className="mt-2 flex flex-wrap gap-1.5">
                    <Button size="sm" variant="primary" aria-describedby={nameId} onClick={() => void open(entry.id)}>
                      Open
                    </Button>
                    <Button size="sm" variant="ghost" aria-describedby={nameId} onClick={() => setRenaming({ id: entry.id, name: entry.name })}>
                      Rename
                    </Button>
                    <Button size="sm" variant="ghost" aria-describedby={nameId} onClick={() => run(library.duplicate(entry.id))}>
                      Duplicate
                    </Button>
                    <Button size="sm" variant="ghost" aria-describedby={nameId} onClick={() => setDeleting(entry.id)}>
                      Delete
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
