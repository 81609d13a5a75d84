'use client';

/**
 * "Import test cases": a BFCL question file with its optional possible_answer file, or JSON Lines of
 * this playground's own test-case format — each from a file or pasted — and a report of what was
 * imported and what was skipped and why. Files are read up to MAX_IMPORT_BYTES; the readers
 * (lib/evaluate/bfcl.ts, jsonl.ts) load when the import runs.
 */
import { useId, useState } from 'react';
import { addCases } from '@/lib/store/test-cases';
import { usePlaygroundStore } from '@/components/playground/store-context';
import { Button, fieldClass, labelClass } from '@/components/ui/controls';

/** Larger than any BFCL category file (about 350 KB); a bigger file is refused, not read. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** Problems listed in the report; the rest are counted. */
const SHOWN_PROBLEMS = 20;

type Format = 'bfcl' | 'jsonl';
interface Report {
  added: number;
  replaced: number;
  problems: string[];
}

/**
 * A file or pasted text. A chosen file is read but not put in the text box: laying out a megabyte of
 * text in a textarea takes the page seconds; the box says which file is read instead.
 */
function TextSource({ label, fileLabel, value, onChange, rows = 4 }: { label: string; fileLabel: string; value: string; onChange: (text: string) => void; rows?: number }) {
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const [file, setFile] = useState<{ name: string; size: number } | null>(null);
  const read = async (chosen: File | undefined) => {
    if (!chosen) return;
    if (chosen.size > MAX_IMPORT_BYTES) return setProblem(`“${chosen.name}” is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB can be imported.`);
    try {
      onChange(await chosen.text());
    } catch (error) {
      return setProblem(`“${chosen.name}” could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    setProblem(null);
    setFile({ name: chosen.name, size: chosen.size });
  };
  const clear = () => {
    setFile(null);
    onChange('');
  };
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label htmlFor={file ? undefined : id} className={`${labelClass} mb-0`}>
          {label}
        </label>
        <input type="file" aria-label={fileLabel} accept=".json,.jsonl,.txt,application/json" onChange={(event) => void read(event.target.files?.[0])} className="max-w-56 text-xs file:mr-2 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-2 file:py-1 file:text-xs dark:file:border-zinc-700 dark:file:bg-zinc-800 dark:file:text-zinc-100" />
      </div>
      {file ? (
        <p className="flex items-center gap-2 text-[13px]">
          <span className="min-w-0 truncate">
            Read “{file.name}” ({Math.max(1, Math.round(file.size / 1024)).toLocaleString('en')} KB).
          </span>
          <Button size="sm" variant="ghost" onClick={clear}>
            Paste instead
          </Button>
        </p>
      ) : (
        // No soft wrapping: a pasted dataset lays out line by line, fast however long it is.
        <textarea id={id} rows={rows} wrap="off" value={value} onChange={(event) => onChange(event.target.value)} spellCheck={false} className={`${fieldClass} font-mono text-xs`} placeholder="Paste the file’s text here, or choose the file." />
      )}
      {problem ? <p className="text-xs text-rose-700 dark:text-rose-300">{problem}</p> : null}
    </div>
  );
}

export function ImportCases({ onDone }: { onDone: () => void }) {
  const store = usePlaygroundStore();
  const name = useId();
  const [format, setFormat] = useState<Format>('bfcl');
  const [questions, setQuestions] = useState('');
  const [answers, setAnswers] = useState('');
  const [lines, setLines] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      const read =
        format === 'bfcl'
          ? (await import('@/lib/evaluate/bfcl')).importBfcl(questions, answers.trim() ? answers : undefined)
          : (await import('@/lib/evaluate/jsonl')).casesFromJsonl(lines);
      const added = addCases(store.getState().settings.test_cases ?? [], read.cases);
      if (added.added || added.replaced) store.getState().setTestCases(added.cases);
      setReport({ added: added.added, replaced: added.replaced, problems: [...read.problems, ...added.skipped] });
    } catch (error) {
      setReport({ added: 0, replaced: 0, problems: [`The import failed: ${error instanceof Error ? error.message : String(error)}`] });
    } finally {
      setBusy(false);
    }
  };

  const empty = format === 'bfcl' ? !questions.trim() : !lines.trim();
  return (
    <div className="mx-4 mb-2 flex flex-col gap-2.5 rounded-lg border border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-700 dark:bg-zinc-950">
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1 text-[13px]">
        <legend className={labelClass}>Format</legend>
        <label className="flex items-center gap-1.5">
          <input type="radio" name={name} checked={format === 'bfcl'} onChange={() => setFormat('bfcl')} />
          BFCL question file (+ possible_answer)
        </label>
        <label className="flex items-center gap-1.5">
          <input type="radio" name={name} checked={format === 'jsonl'} onChange={() => setFormat('jsonl')} />
          JSON Lines (this playground’s test cases)
        </label>
      </fieldset>
      {format === 'bfcl' ? (
        <>
          <TextSource label="BFCL questions" fileLabel="BFCL question file" value={questions} onChange={setQuestions} />
          <TextSource label="BFCL possible answers (optional)" fileLabel="BFCL possible_answer file" value={answers} onChange={setAnswers} rows={3} />
        </>
      ) : (
        <TextSource label="Test cases (JSON Lines)" fileLabel="Test cases file (JSON Lines)" value={lines} onChange={setLines} rows={6} />
      )}
      <div className="flex gap-1.5">
        <Button size="sm" variant="primary" disabled={empty || busy} onClick={() => void run()}>
          {busy ? 'Importing…' : 'Import'}
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Close import
        </Button>
      </div>
      <div role="status" className="empty:hidden">
        {report ? (
          <div className="text-[13px]">
            <p className="font-medium">
              {report.added || report.replaced
                ? `Imported ${report.added + report.replaced} test case${report.added + report.replaced === 1 ? '' : 's'}${report.replaced ? ` (${report.replaced} replaced a case of the same id)` : ''}.`
                : 'Nothing was imported.'}
              {report.problems.length ? ` Skipped ${report.problems.length}:` : ''}
            </p>
            {report.problems.length ? (
              <ul aria-label="Skipped" className="mt-1 list-disc pl-5 text-xs text-amber-800 dark:text-amber-300">
                {report.problems.slice(0, SHOWN_PROBLEMS).map((problem, i) => (
                  <li key={i}>{problem}</li>
                ))}
                {report.problems.length > SHOWN_PROBLEMS ? <li>…and {report.problems.length - SHOWN_PROBLEMS} more.</li> : null}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
