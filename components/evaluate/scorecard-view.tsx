'use client';

/**
 * The last evaluation's scorecard: a `table` named "Scorecard" with each model's pass rate (passed,
 * failed, errors, total), latency p50/p95, tokens and cost; "Export CSV" and "Export JSON"; and every
 * case's result below it (case-results.tsx).
 */
import { useState } from 'react';
import type { ModelScore, Scorecard } from '@/lib/evaluate/types';
import { formatUsd } from '@/lib/pricing/cost';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { Button } from '@/components/ui/controls';
import { CaseResults } from './case-results';
import { exportScorecard } from './exports';
import { formatMs } from './case-rows';

const cell = 'px-2 py-1.5 text-right tabular-nums';
const head = 'px-2 py-1.5 text-right font-medium';
/** The summary's columns after the model's, in order. */
const FIGURES = ['Pass rate', 'Passed', 'Failed', 'Errors', 'Total', 'Latency p50', 'Latency p95', 'Tokens (in / out)', 'Cost'];

function passRate(score: ModelScore): string {
  return score.total ? `${((score.passed / score.total) * 100).toFixed(1)}%` : '—';
}

const ranAt = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

function SummaryTable({ scorecard }: { scorecard: Scorecard }) {
  return (
    // Focusable, so that a keyboard can scroll it sideways on a narrow screen.
    <div role="region" aria-label="Scorecard by model" tabIndex={0} className="overflow-x-auto rounded focus-visible:ring-2 focus-visible:ring-indigo-500/40 focus-visible:outline-none">
      <table aria-label="Scorecard" className="w-full min-w-[44rem] border-collapse text-[13px]">
        <caption className="px-2 pb-1 text-left text-xs text-zinc-600 dark:text-zinc-400">
          Ran {ranAt.format(new Date(scorecard.ran_at))}.{scorecard.cancelled ? ' Cancelled: the cases that had not finished are not counted.' : ''}
        </caption>
        <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-2 py-1.5 text-left font-medium">
              Model
            </th>
            {FIGURES.map((figure) => (
              <th key={figure} scope="col" className={head}>
                {figure}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {scorecard.models.map((score) => (
            <tr key={score.model}>
              <th scope="row" className="max-w-56 truncate px-2 py-1.5 text-left font-mono text-xs font-medium" title={score.model}>
                {score.model}
              </th>
              <td className={`${cell} font-semibold`}>{passRate(score)}</td>
              <td className={`${cell} text-emerald-700 dark:text-emerald-400`}>{score.passed}</td>
              <td className={`${cell} text-rose-700 dark:text-rose-300`}>{score.failed}</td>
              <td className={`${cell} text-amber-800 dark:text-amber-300`}>{score.errors}</td>
              <td className={cell}>{score.total}</td>
              <td className={cell}>{formatMs(score.latency.p50)}</td>
              <td className={cell}>{formatMs(score.latency.p95)}</td>
              <td className={cell}>
                {score.tokens.prompt.toLocaleString('en')} / {score.tokens.completion.toLocaleString('en')}
              </td>
              <td className={cell}>{score.cost === null ? 'unknown' : formatUsd(score.cost)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ScorecardView({ onOpenCase }: { onOpenCase: (model: string, caseId: string) => void }) {
  const store = usePlaygroundStore();
  const { scorecard, running } = usePlayground((s) => ({ scorecard: s.settings.scorecard, running: s.evaluation.status !== 'idle' }));
  const [status, setStatus] = useState<string | null>(null);
  if (!scorecard) {
    return <p className="px-4 py-6 text-center text-[13px] text-zinc-500 dark:text-zinc-400">No evaluation has run yet. Its scorecard is saved with the scenario.</p>;
  }
  const download = async (format: 'csv' | 'json') => {
    try {
      setStatus(`Downloaded ${await exportScorecard(store.getState().snapshot().scenario, format)}.`);
    } catch (error) {
      setStatus(`The scorecard could not be exported: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <div className="flex min-w-0 flex-col gap-2 py-2.5">
      <div className="flex flex-wrap items-center gap-1.5 px-4">
        <Button size="sm" onClick={() => void download('csv')}>
          Export CSV
        </Button>
        <Button size="sm" onClick={() => void download('json')}>
          Export JSON
        </Button>
        <p role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
          {status}
        </p>
      </div>
      <div className="px-2">
        <SummaryTable scorecard={scorecard} />
      </div>
      <p className="px-4 text-xs text-zinc-600 dark:text-zinc-400">
        Pass rate: the cases passed, of all that ran. An error (the model call failed) is neither a pass nor a fail; latency counts the cases without one.
      </p>
      {/* Opening other work drops a run in flight: not offered until it ends. */}
      <CaseResults scorecard={scorecard} onOpenCase={running ? null : onOpenCase} />
    </div>
  );
}
