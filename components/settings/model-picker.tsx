'use client';

/**
 * The "Model" combobox: an input that filters the list as you type (id, name or provider), options
 * grouped by provider, arrows + Enter to choose, Escape to close. Text that names no model becomes a
 * custom model id on Enter when it is a valid id. Models that need AIML_API_KEY say so while none is
 * configured, and cannot be chosen from the list. While a search is typed, the line under the box
 * still names the model in use. With a key, "Refresh models" asks the provider for its current list;
 * its models beyond the known function-calling ones come last, under their own heading and a note.
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { MODEL_ID_PATTERN } from '@/lib/wire/chat-constants';
import { groupByProvider, isSimulatorModel, MAX_PROVIDER_MODELS, OTHER_PROVIDER_MODELS } from '@/lib/wire/models';
import type { ModelEntry } from './use-models';
import { Badge, Button, fieldClass, labelClass } from '@/components/ui/controls';

/** "Refresh models" and what came of it (use-models.ts `useModelList`). */
export interface ProviderRefresh {
  onRefresh: () => void;
  refreshing: boolean;
  error: string | null;
  refreshed: { count: number; leftOut: number } | null;
}

interface Props {
  value: string;
  onChange: (id: string) => void;
  models: ModelEntry[] | undefined;
  keyConfigured: boolean | undefined;
  loadError: string | null;
  /** Offered only with a key configured: without one the provider cannot be asked. */
  refresh?: ProviderRefresh;
  /** The box's label: "Model", or a Compare column's ("Model of column 2"). */
  label?: string;
}

type Option = { kind: 'model'; model: ModelEntry } | { kind: 'custom'; id: string };

const NEEDS_KEY = 'needs AIML_API_KEY on the server';

function matches(model: ModelEntry, query: string): boolean {
  const haystack = `${model.id} ${model.name} ${model.provider}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

function optionsFor(models: ModelEntry[] | undefined, query: string): Option[] {
  const filtered = (models ?? []).filter((m) => matches(m, query));
  const grouped: Option[] = groupByProvider(filtered).flatMap(([, group]) => group.map((model) => ({ kind: 'model' as const, model })));
  const text = query.trim();
  const exact = models?.some((m) => m.id === text);
  if (text && !exact && MODEL_ID_PATTERN.test(text)) grouped.push({ kind: 'custom', id: text });
  return grouped;
}

export function ModelPicker({ value, onChange, models, keyConfigured, loadError, refresh, label = 'Model' }: Props) {
  const base = useId();
  const inputId = `${base}-input`;
  const listId = `${base}-list`;
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);

  const selected = models?.find((m) => m.id === value);
  const display = selected ? selected.name : value;

  const options = useMemo(() => optionsFor(models, query), [models, query]);

  /** Where the highlight goes as the person types: the model whose id they typed, else the first choosable. */
  const firstMatch = (text: string): number => {
    const next = optionsFor(models, text);
    const exact = next.findIndex((o) => o.kind === 'model' && o.model.id.toLowerCase() === text.trim().toLowerCase());
    if (exact !== -1) return exact;
    const first = next.findIndex((o) => selectable(o));
    return first === -1 ? 0 : first;
  };

  const selectable = (option: Option | undefined) => option && (option.kind === 'custom' || option.model.available);

  const openList = (nextQuery = '') => {
    setQuery(nextQuery);
    setOpen(true);
    setError(null);
    const current = options.findIndex((o) => o.kind === 'model' && o.model.id === value);
    setActive(nextQuery ? 0 : Math.max(0, current));
  };

  const choose = (option: Option) => {
    if (!selectable(option)) return;
    onChange(option.kind === 'custom' ? option.id : option.model.id);
    setOpen(false);
    setQuery('');
    setError(null);
  };

  const move = (step: number) => {
    if (!options.length) return;
    let next = active;
    for (let i = 0; i < options.length; i++) {
      next = (next + step + options.length) % options.length;
      if (selectable(options[next])) break;
    }
    setActive(next);
    list.current?.querySelector(`#${CSS.escape(`${base}-opt-${next}`)}`)?.scrollIntoView({ block: 'nearest' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) openList(query);
      else move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const text = query.trim();
      if (!open) return openList();
      const option = options[active];
      if (selectable(option)) return choose(option!);
      if (!text) return setOpen(false);
      const exact = models?.find((m) => m.id === text);
      if (exact && !exact.available) setError(`${exact.name} ${NEEDS_KEY}.`);
      else if (!MODEL_ID_PATTERN.test(text)) {
        setError(`"${text}" is not a valid model id: start with a letter or digit; then letters, digits and . _ : / @ + - (at most 128).`);
      }
    } else if (event.key === 'Escape') {
      if (open) event.preventDefault();
      setOpen(false);
      setQuery('');
      setError(null);
    }
  };

  const groups = useMemo(() => {
    const out: Array<{ provider: string; items: Array<{ option: Option; index: number }> }> = [];
    options.forEach((option, index) => {
      const provider = option.kind === 'model' ? option.model.provider : 'Custom';
      const last = out.at(-1);
      if (last && last.provider === provider) last.items.push({ option, index });
      else out.push({ provider, items: [{ option, index }] });
    });
    return out;
  }, [options]);

  const activeId = open && options[active] ? `${base}-opt-${active}` : undefined;
  const unavailable = selected ? !selected.available : keyConfigured === false && !isSimulatorModel(value);
  const others = models?.filter((m) => m.provider === OTHER_PROVIDER_MODELS).length ?? 0;

  return (
    <div>
      <div className="flex items-end justify-between gap-2">
        <label htmlFor={inputId} className={labelClass}>
          {label}
        </label>
        {refresh && keyConfigured ? (
          <Button
            variant="ghost"
            size="sm"
            className="-mt-1 mb-0.5 h-6 px-1.5"
            aria-label="Refresh models"
            title="Ask the provider for its current models"
            disabled={refresh.refreshing}
            onClick={refresh.onRefresh}
          >
            <svg aria-hidden width="12" height="12" viewBox="0 0 12 12" fill="none" stroke="currentColor" strokeWidth="1.5" className={refresh.refreshing ? 'motion-safe:animate-spin' : ''}>
              <path d="M10 6a4 4 0 1 1-1.2-2.85M10 1.5V3.5H8" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            {refresh.refreshing ? 'Refreshing…' : 'Refresh'}
          </Button>
        ) : null}
      </div>
      <div className="relative">
        <input
          ref={input}
          id={inputId}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          aria-describedby={`${base}-desc`}
          autoComplete="off"
          spellCheck={false}
          className={`${fieldClass} pr-8`}
          value={open ? query : display}
          placeholder={open ? 'Search models or type a model id' : undefined}
          onClick={() => (open ? undefined : openList())}
          onChange={(e) => {
            if (!open) setOpen(true);
            setQuery(e.target.value);
            setActive(firstMatch(e.target.value));
            setError(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            setQuery('');
          }}
        />
        <span aria-hidden className="pointer-events-none absolute inset-y-0 right-2.5 flex items-center text-zinc-400">
          <svg width="12" height="12" viewBox="0 0 12 12" fill="none" stroke="currentColor" strokeWidth="1.6">
            <path d="M3 4.5 6 7.5 9 4.5" />
          </svg>
        </span>
        {open ? (
          <div
            ref={list}
            id={listId}
            role="listbox"
            aria-label="Suggestions"
            className="absolute right-0 z-30 mt-1 max-h-[min(24rem,60vh)] w-[max(100%,min(24rem,calc(100vw-1.5rem)))] overflow-y-auto rounded-lg border border-zinc-200 bg-white py-1 shadow-xl dark:border-zinc-700 dark:bg-zinc-900"
            onMouseDown={(e) => e.preventDefault()}
          >
            {query ? (
              // The box holds the search now: the list says what is in use (the description says it to a screen reader).
              <p aria-hidden className="mx-1 mb-1 truncate border-b border-zinc-100 px-2 pb-1.5 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
                In use: <span className="text-zinc-800 dark:text-zinc-200">{selected ? selected.name : value}</span>
              </p>
            ) : null}
            {keyConfigured === false ? (
              <p className="mx-2 mb-1 rounded-md bg-amber-50 px-2.5 py-2 text-xs text-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
                No AIML_API_KEY is configured on the server, so only the offline simulator can answer. The other models work once the key is set.
              </p>
            ) : null}
            {loadError ? (
              <p className="px-3 py-2 text-xs text-rose-700 dark:text-rose-300">Could not load the model list ({loadError}). You can still type a model id.</p>
            ) : null}
            {!models && !loadError ? <p className="px-3 py-2 text-xs text-zinc-500 dark:text-zinc-400">Loading models…</p> : null}
            {models && options.length === 0 ? (
              <p className="px-3 py-2 text-xs text-zinc-500 dark:text-zinc-400">No model matches. A model id uses letters, digits and . _ : / @ + -</p>
            ) : null}
            {groups.map(({ provider, items }) => (
              <div key={provider} role="group" aria-labelledby={`${base}-g-${provider.replace(/\W/g, '')}`}>
                <div
                  id={`${base}-g-${provider.replace(/\W/g, '')}`}
                  className="sticky top-0 bg-white/95 px-3 pt-2 pb-1 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase backdrop-blur dark:bg-zinc-900/95 dark:text-zinc-400"
                >
                  {provider}
                </div>
                {provider === OTHER_PROVIDER_MODELS ? (
                  <p className="mx-3 mb-1 text-xs text-zinc-600 dark:text-zinc-400">
                    The provider lists these, but whether they support function calling is not known: try one and see in the inspector.
                  </p>
                ) : null}
                {items.map(({ option, index }) => {
                  const id = option.kind === 'model' ? option.model.id : option.id;
                  const disabled = !selectable(option);
                  return (
                    <div
                      key={`${option.kind}:${id}`}
                      id={`${base}-opt-${index}`}
                      role="option"
                      aria-selected={id === value}
                      aria-disabled={disabled || undefined}
                      title={disabled ? `Needs AIML_API_KEY on the server` : undefined}
                      onMouseEnter={() => setActive(index)}
                      onClick={() => choose(option)}
                      className={`mx-1 flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm ${
                        index === active ? 'bg-indigo-50 dark:bg-indigo-950/60' : ''
                      } ${disabled ? 'cursor-not-allowed opacity-60' : ''}`}
                    >
                      {option.kind === 'model' ? (
                        <span className="min-w-0 flex-1">
                          <span className="block text-zinc-900 dark:text-zinc-100">{option.model.name}</span>
                          <span className="block truncate font-mono text-[11px] text-zinc-600 dark:text-zinc-400">{option.model.id}</span>
                        </span>
                      ) : (
                        <span className="min-w-0 flex-1 truncate">
                          Use <span className="font-mono">{option.id}</span> as a custom model id
                        </span>
                      )}
                      {disabled ? <Badge tone="warning">needs key</Badge> : null}
                      {id === value ? <span aria-hidden className="text-indigo-600 dark:text-indigo-400">✓</span> : null}
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
        ) : null}
      </div>
      <p id={`${base}-desc`} className="mt-1 min-h-4 text-xs text-zinc-500 dark:text-zinc-400">
        {error ? (
          <span className="text-rose-700 dark:text-rose-300">{error}</span>
        ) : unavailable ? (
          <span className="text-amber-700 dark:text-amber-300">
            <span className="font-mono">{value}</span> {NEEDS_KEY}: pick the offline simulator, or set the key.
          </span>
        ) : open && query ? (
          <>
            In use: {selected ? selected.name : <span className="font-mono">{value}</span>}
            {selected && selected.name !== selected.id ? <> · <span className="font-mono">{selected.id}</span></> : null}
          </>
        ) : selected ? (
          <>
            <span className="font-mono">{selected.id}</span> · {selected.provider === OTHER_PROVIDER_MODELS ? 'from the provider, function calling not known' : selected.provider}
          </>
        ) : (
          <>
            <span className="font-mono">{value}</span> · custom model id
          </>
        )}
      </p>
      {refresh && keyConfigured ? (
        <p role="status" className="text-xs">
          {refresh.error ? (
            <span className="text-rose-700 dark:text-rose-300">Could not refresh the models: {refresh.error} The list is as it was.</span>
          ) : refresh.refreshed && !refresh.refreshing ? (
            <span className="text-zinc-500 dark:text-zinc-400">
              The provider lists {refresh.refreshed.count} models; {others ? `${others === 1 ? 'one' : others} not known for function calling ${others === 1 ? 'is' : 'are'} listed last` : 'every one is a known function-calling model'}
              {refresh.refreshed.leftOut ? ` (${refresh.refreshed.leftOut} entries left out: ids a request cannot send, repeated, or past the first ${MAX_PROVIDER_MODELS.toLocaleString('en')})` : ''}.
            </span>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
