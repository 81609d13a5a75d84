'use client';

/**
 * "Models to run on": a filterable list of checkboxes over the model catalogue (simulators included),
 * at most EVALUATE_LIMITS.maxModels chosen, and any other model id typed in. Models that need the
 * server's key while none is configured cannot be chosen.
 */
import { memo, useId, useMemo, useState } from 'react';
import { EVALUATE_LIMITS } from '@/lib/evaluate/types';
import { MODEL_ID_PATTERN } from '@/lib/wire/chat-constants';
import { useModelList, type ModelEntry } from '@/components/settings/use-models';
import { Button, fieldClass, labelClass } from '@/components/ui/controls';

interface Props {
  chosen: string[];
  onChange: (models: string[]) => void;
  disabled?: boolean;
}

function matches(model: ModelEntry, query: string): boolean {
  const haystack = `${model.id} ${model.name} ${model.provider}`.toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}

/** Memoised: the run's progress re-renders the panel around it once a frame. */
export const ModelChoice = memo(function ModelChoice({ chosen, onChange, disabled }: Props) {
  const id = useId();
  const { models, loadError } = useModelList();
  const [query, setQuery] = useState('');
  const [custom, setCustom] = useState('');
  const full = chosen.length >= EVALUATE_LIMITS.maxModels;
  // The chosen ones first (custom ids too), then the rest of the catalogue that matches the filter.
  const listed = useMemo(() => {
    const all = models ?? [];
    const known = new Set(all.map((m) => m.id));
    const extra: ModelEntry[] = chosen.filter((m) => !known.has(m)).map((m) => ({ id: m, name: 'Custom model id', provider: '', available: true }));
    return [...extra, ...all].filter((m) => chosen.includes(m.id) || matches(m, query));
  }, [models, chosen, query]);

  const toggle = (model: string, on: boolean) => onChange(on ? [...chosen, model] : chosen.filter((m) => m !== model));
  const customValid = MODEL_ID_PATTERN.test(custom.trim());
  const addCustom = () => {
    const model = custom.trim();
    if (!customValid || full || chosen.includes(model)) return;
    onChange([...chosen, model]);
    setCustom('');
  };

  return (
    <fieldset disabled={disabled} className="min-w-0">
      <legend className={labelClass}>
        Models to run on ({chosen.length} of at most {EVALUATE_LIMITS.maxModels} chosen)
      </legend>
      <input aria-label="Filter models" value={query} onChange={(event) => setQuery(event.target.value)} placeholder="Filter by name, id or provider" className={`${fieldClass} mb-1.5`} />
      {loadError ? <p className="text-xs text-rose-700 dark:text-rose-300">The model list could not be loaded: {loadError}</p> : null}
      <ul aria-label="Models" className="max-h-40 overflow-auto rounded-md border border-zinc-200 p-1 dark:border-zinc-700">
        {listed.map((model) => {
          const on = chosen.includes(model.id);
          const unavailable = !model.available && !on;
          return (
            <li key={model.id}>
              <label className={`flex items-baseline gap-2 rounded px-1.5 py-0.5 text-[13px] ${unavailable ? 'text-zinc-500 dark:text-zinc-400' : ''}`}>
                <input type="checkbox" checked={on} disabled={unavailable || (full && !on)} onChange={(event) => toggle(model.id, event.target.checked)} />
                <span className="min-w-0 truncate">
                  {model.name} <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{model.id}</span>
                  {unavailable ? <span className="text-xs"> (needs AIML_API_KEY on the server)</span> : null}
                </span>
              </label>
            </li>
          );
        })}
        {listed.length === 0 ? <li className="px-1.5 py-1 text-xs text-zinc-500 dark:text-zinc-400">No model matches the filter.</li> : null}
      </ul>
      <div className="mt-1.5 flex gap-1.5">
        <label htmlFor={`${id}-custom`} className="sr-only">
          Another model id
        </label>
        <input
          id={`${id}-custom`}
          value={custom}
          onChange={(event) => setCustom(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') addCustom();
          }}
          placeholder="Another model id"
          className={`${fieldClass} font-mono`}
        />
        <Button size="sm" onClick={addCustom} disabled={!customValid || full} className="h-auto">
          Add model
        </Button>
      </div>
    </fieldset>
  );
});
