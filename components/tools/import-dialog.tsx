'use client';

/**
 * "Import tools": tools from another format (pasted, from a file, or fetched by the browser from a URL),
 * converted to OpenAI tools with a report of every change, then appended to the editor's tools or put in
 * their place — as one edit of the editor, so its Undo takes it back. MCP output schemas become result
 * schemas; MCP annotations are kept beside the tools. Rendered while open.
 */
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { usePlaygroundStore } from '@/components/playground/store-context';
import { Modal } from '@/components/ui/modal';
import { Button, fieldClass, labelClass } from '@/components/ui/controls';
import { importTools } from '@/lib/tool-formats/import';
import { MAX_INPUT_CHARS, parseToolsInput } from '@/lib/tool-formats/parse-input';
import { IMPORT_FORMAT_NAMES, IMPORT_FORMATS, type ImportFormat, type ImportResult } from '@/lib/tool-formats/types';
import { importEdit } from '@/lib/tools/tools-text';
import { plural } from '@/lib/util/words';
import { applyImport } from './apply-import';
import { ChangeReport } from './change-report';
import { boundedText } from '@/lib/util/bounded-text';

type Preview = { result: ImportResult } | { error: string } | null;

function preview(text: string, format: ImportFormat | 'auto'): Preview {
  if (!text.trim()) return null;
  const parsed = parseToolsInput(text);
  if ('error' in parsed) return parsed;
  const result = importTools(parsed.value, format);
  return 'error' in result ? result : { result };
}

export function ImportToolsDialog({ onClose }: { onClose: () => void }) {
  const id = useId();
  const store = usePlaygroundStore();
  const [text, setText] = useState('');
  const [format, setFormat] = useState<ImportFormat | 'auto'>('auto');
  const [url, setUrl] = useState('');
  const [loading, setLoading] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const deferred = useDeferredValue(text);
  const shown = useMemo(() => preview(deferred, format), [deferred, format]);
  const result = shown && 'result' in shown ? shown.result : null;
  // What "Add to the tools" would rename, said before it is clicked.
  const appended = useMemo(() => (result ? importEdit(store.getState().tools.text, result.tools.map((t) => t.tool), 'append') : null), [result, store]);

  const load = async (what: string, read: () => Promise<string>) => {
    setLoading(what);
    setProblem(null);
    try {
      setText(await read());
    } catch (error) {
      setProblem(`${what} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setLoading(null);
    }
  };

  const fetchUrl = () =>
    load(`The URL ${url}`, async () => {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new Error('that is not a URL (it should start with https://)');
      }
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('only http and https URLs can be fetched');
      let response: Response;
      try {
        // Fetched by the browser, never by the server: the playground's server reaches no URL a person names.
        response = await fetch(parsed, { credentials: 'omit', redirect: 'follow' });
      } catch {
        throw new Error('the browser could not fetch it (offline, or the site does not allow other pages to read it: download the file and choose it instead)');
      }
      if (!response.ok) throw new Error(`the site answered ${response.status} ${response.statusText}`.trim());
      const body = await boundedText(response, MAX_INPUT_CHARS);
      if (body === null) throw new Error(`it is over ${MAX_INPUT_CHARS / 1_000_000} MB`);
      return body;
    });

  const apply = (mode: 'append' | 'replace') => {
    if (!result) return;
    const made = applyImport(store, result.tools, mode);
    if ('error' in made) setProblem(mode === 'append' ? `${made.error} (Or choose Replace the tools.)` : made.error);
    else onClose();
  };

  return (
    <Modal
      open
      onClose={onClose}
      label="Import tools"
      size="lg"
      description="From an MCP server's tools/list, Anthropic or Gemini tools, an OpenAPI 3 document, a BFCL function list, OpenAI tools, or a JSON example to infer a schema from. Nothing is sent anywhere."
    >
      <div className="space-y-3">
        <div>
          <label htmlFor={`${id}-text`} className={labelClass}>
            Tools to import (JSON or YAML)
          </label>
          <textarea
            id={`${id}-text`}
            data-autofocus
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={10}
            spellCheck={false}
            className={`${fieldClass} h-auto font-mono text-xs`}
            placeholder='{"tools": [{"name": "get_weather", "inputSchema": {…}}]}'
          />
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor={`${id}-file`} className={labelClass}>
              Or a file
            </label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".json,.yaml,.yml,.jsonl,application/json,text/yaml"
              className="text-xs"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void load(`“${file.name}”`, () => (file.size > MAX_INPUT_CHARS ? Promise.reject(new Error(`it is over ${MAX_INPUT_CHARS / 1_000_000} MB`)) : file.text()));
              }}
            />
          </div>
          <form
            className="flex min-w-64 flex-1 items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (url.trim()) void fetchUrl();
            }}
          >
            <div className="flex-1">
              <label htmlFor={`${id}-url`} className={labelClass}>
                Or a URL (fetched by your browser)
              </label>
              <input id={`${id}-url`} type="url" value={url} onChange={(e) => setUrl(e.target.value)} className={fieldClass} placeholder="https://…/openapi.json" />
            </div>
            <Button type="submit" size="md" disabled={!url.trim() || loading !== null}>
              Fetch
            </Button>
          </form>
          <div>
            <label htmlFor={`${id}-format`} className={labelClass}>
              Format
            </label>
            <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as ImportFormat | 'auto')} className={fieldClass}>
              <option value="auto">Detect automatically</option>
              {IMPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {IMPORT_FORMAT_NAMES[f]}
                </option>
              ))}
            </select>
          </div>
        </div>
        {loading ? <p role="status" className="text-xs text-zinc-600 dark:text-zinc-400">Reading {loading}…</p> : null}
        {problem ? <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">{problem}</p> : null}
        <section aria-label="Import report" className="max-h-72 overflow-y-auto rounded-md border border-zinc-200 p-2 text-xs dark:border-zinc-800">
          {!shown ? (
            <p className="text-zinc-500 dark:text-zinc-400">Paste, choose a file or fetch a URL: what would be imported shows here.</p>
          ) : 'error' in shown ? (
            <p className="text-rose-700 dark:text-rose-300">{shown.error}</p>
          ) : (
            <>
              <p className="mb-1 font-medium text-zinc-800 dark:text-zinc-200">
                {plural(shown.result.tools.length, 'tool')} from {IMPORT_FORMAT_NAMES[shown.result.format]}:{' '}
                <span className="font-mono font-normal">{shown.result.tools.map((t) => t.tool.function.name).join(', ') || 'none'}</span>
              </p>
              <ChangeReport changes={shown.result.changes} empty="Imported as written: nothing had to change." />
              {appended && 'changes' in appended && appended.changes.length ? (
                <div className="mt-2">
                  <p className="font-medium text-zinc-800 dark:text-zinc-200">Added to the editor’s tools:</p>
                  <ChangeReport changes={appended.changes} empty="" />
                </div>
              ) : null}
            </>
          )}
        </section>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="secondary" disabled={!result?.tools.length} onClick={() => apply('replace')}>
            Replace the tools
          </Button>
          <Button variant="primary" disabled={!result?.tools.length} onClick={() => apply('append')}>
            Add to the tools
          </Button>
        </div>
      </div>
    </Modal>
  );
}
