'use client';

/**
 * Running the evaluation: the models and the concurrency per model, "Run evaluation", and while it
 * runs a `progressbar` named "Evaluation progress" with each model's counts and "Cancel", which aborts
 * what is in flight. The run itself is the store's (lib/store/evaluate.ts).
 */
import { useState } from 'react';
import { EVALUATE_LIMITS } from '@/lib/evaluate/types';
import type { EvaluationProgress } from '@/lib/store/types';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { Button, fieldClass, labelClass } from '@/components/ui/controls';
import { ModelChoice } from './model-choice';

export const DEFAULT_CONCURRENCY = 4;

/** Calls a browser makes at once to one origin over HTTP/1.1; over HTTP/2 they share one connection. */
const HTTP1_CONNECTIONS = 6;

/** Whether this page came over HTTP/1.1 (false when the browser does not say). */
function overHttp1(): boolean {
  if (typeof performance === 'undefined' || typeof performance.getEntriesByType !== 'function') return false;
  const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return navigation?.nextHopProtocol === 'http/1.1';
}

function doneOf(progress: EvaluationProgress): string {
  const done = progress.models.reduce((sum, m) => sum + m.done, 0);
  return `${done.toLocaleString('en')} of ${(progress.total * progress.models.length).toLocaleString('en')}`;
}

function Progress({ progress, status }: { progress: EvaluationProgress; status: 'idle' | 'running' | 'cancelling' }) {
  const max = progress.total * progress.models.length;
  const done = progress.models.reduce((sum, m) => sum + m.done, 0);
  const percent = max ? Math.round((done / max) * 100) : 0;
  return (
    <div className="flex flex-col gap-1.5">
      <div
        role="progressbar"
        aria-label="Evaluation progress"
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={done}
        aria-valuetext={`${done.toLocaleString('en')} of ${max.toLocaleString('en')} case runs done`}
        className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className={`h-full ${status === 'idle' ? 'bg-emerald-600' : 'bg-indigo-600'}`} style={{ width: `${percent}%` }} />
      </div>
      <ul aria-label="Progress per model" className="grid gap-x-4 gap-y-0.5 text-xs sm:grid-cols-2">
        {progress.models.map((m) => (
          <li key={m.model} className="flex min-w-0 gap-2 tabular-nums">
            <span className="min-w-0 truncate font-mono" title={m.model}>
              {m.model}
            </span>
            <span className="ml-auto shrink-0 text-zinc-700 dark:text-zinc-300">
              {m.done}/{progress.total} · <span className="text-emerald-700 dark:text-emerald-400">{m.passed} passed</span> ·{' '}
              <span className="text-rose-700 dark:text-rose-300">{m.failed} failed</span> · <span className="text-amber-800 dark:text-amber-300">{m.errors} errors</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function RunPanel() {
  const store = usePlaygroundStore();
  const view = usePlayground((s) => ({
    run: s.evaluation,
    cases: s.settings.test_cases?.length ?? 0,
    lastModels: s.settings.scorecard?.models.map((m) => m.model).join('\n') ?? '',
    model: s.settings.model,
    cancelled: s.settings.scorecard?.cancelled === true,
    served: Object.keys(s.settings.mcp_bindings ?? {}).join(', '),
  }));
  const [runServerTools, setRunServerTools] = useState(false);
  const [models, setModels] = useState<string[]>(() => (view.lastModels ? view.lastModels.split('\n') : [view.model]));
  const [concurrency, setConcurrency] = useState(String(DEFAULT_CONCURRENCY));
  const running = view.run.status !== 'idle';
  const level = Number(concurrency);
  const levelValid = Number.isInteger(level) && level >= 1 && level <= EVALUATE_LIMITS.maxConcurrency;
  const [http1] = useState(overHttp1);
  const queued = http1 && levelValid && models.length * level > HTTP1_CONNECTIONS;

  return (
    <div className="flex flex-col gap-3 px-4 py-2.5">
      <div className="grid gap-3 md:grid-cols-[minmax(0,1fr)_11rem]">
        <ModelChoice chosen={models} onChange={setModels} disabled={running} />
        <div>
          <label className={labelClass} htmlFor="evaluate-concurrency">
            Concurrency per model
          </label>
          <input
            id="evaluate-concurrency"
            type="number"
            inputMode="numeric"
            min={1}
            max={EVALUATE_LIMITS.maxConcurrency}
            value={concurrency}
            disabled={running}
            aria-invalid={!levelValid}
            aria-describedby="evaluate-concurrency-hint"
            onChange={(event) => setConcurrency(event.target.value)}
            className={fieldClass}
          />
          <p id="evaluate-concurrency-hint" className={`mt-1 text-xs ${levelValid ? 'text-zinc-600 dark:text-zinc-400' : 'text-rose-700 dark:text-rose-300'}`}>
            Cases in flight at once on each model, 1 to {EVALUATE_LIMITS.maxConcurrency}. A 429 is waited out as its Retry-After says.
          </p>
          {queued ? (
            <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">
              This page reaches the server over HTTP/1.1, where a browser makes at most {HTTP1_CONNECTIONS} calls at once: the{' '}
              {models.length * level} asked for take turns. Serve the app over HTTP/2 (README, “In production”) or run{' '}
              <code>npm run eval</code> for all of them at once.
            </p>
          ) : null}
        </div>
      </div>
      {view.served ? (
        <label className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
          <input type="checkbox" className="size-4 accent-indigo-600" checked={runServerTools} disabled={running} onChange={(e) => setRunServerTools(e.target.checked)} />
          Run MCP tools on their servers instead of their mocks
          <span className="text-xs text-zinc-500 dark:text-zinc-400">({view.served}; not those set to “Never run”)</span>
        </label>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        {running ? (
          <Button variant="reject" onClick={() => store.getState().cancelEvaluation()} disabled={view.run.status === 'cancelling'}>
            Cancel
          </Button>
        ) : (
          <Button
            variant="primary"
            disabled={!view.cases || !models.length || !levelValid}
            onClick={() => void store.getState().runEvaluation({ models, concurrency: level, runServerTools: runServerTools && Boolean(view.served) })}
          >
            Run evaluation
          </Button>
        )}
        <p role="status" className="text-[13px] text-zinc-700 dark:text-zinc-300">
          {view.run.status === 'running'
            ? `Running ${view.cases.toLocaleString('en')} test cases on ${models.length === 1 ? '1 model' : `${models.length} models`}…`
            : view.run.status === 'cancelling'
              ? 'Cancelling: stopping the cases in flight…'
              : !view.cases
                ? 'Add or import test cases to run.'
                : view.run.progress
                  ? `${view.cancelled ? 'Cancelled' : 'Finished'}: ${doneOf(view.run.progress)} case runs done.`
                  : ''}
        </p>
      </div>
      {view.run.error ? (
        <p role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-[13px] text-rose-800 dark:border-rose-900 dark:bg-rose-950/50 dark:text-rose-200">
          {view.run.error}
        </p>
      ) : null}
      {view.run.progress ? <Progress progress={view.run.progress} status={view.run.status} /> : null}
    </div>
  );
}
