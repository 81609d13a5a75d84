'use client';

/**
 * Every case's result: the case, the model, passed / failed / error, the calls it made, each unmet
 * expectation and why (or the error), latency, tokens and cost, and "Open as conversation". Sortable
 * by column (buttons in the headers, `aria-sort`), filtered by outcome and model, a page at a time.
 */
import { useMemo, useState } from 'react';
import type { MadeCall, Scorecard } from '@/lib/evaluate/types';
import { formatUsd } from '@/lib/pricing/cost';
import { Badge, Button, fieldClass } from '@/components/ui/controls';
import { caseOutcome } from '@/lib/evaluate/scorecard';
import { caseRows, formatMs, visibleRows, type OutcomeFilter, type SortDirection, type SortKey } from './case-rows';
import { Pager, pageCount } from './pager';

const PAGE = 25;
const MAX_ARGUMENT_CHARS = 160;

function callText(call: MadeCall): string {
  const args = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
  return `${call.name}(${args.length > MAX_ARGUMENT_CHARS ? `${args.slice(0, MAX_ARGUMENT_CHARS - 1)}…` : args})`;
}

const OUTCOME = {
  pass: { label: 'Passed', tone: 'success' },
  fail: { label: 'Failed', tone: 'danger' },
  error: { label: 'Error', tone: 'warning' },
} as const;

function SortHeader({ label, sortKey, sort, onSort, align = 'left' }: { label: string; sortKey: SortKey; sort: { key: SortKey; direction: SortDirection } | null; onSort: (key: SortKey) => void; align?: 'left' | 'right' }) {
  const active = sort?.key === sortKey;
  return (
    <th scope="col" aria-sort={active ? sort.direction : 'none'} className={`px-2 py-1 font-medium ${align === 'right' ? 'text-right' : 'text-left'}`}>
      <button type="button" onClick={() => onSort(sortKey)} className="inline-flex items-center gap-1 rounded px-1 py-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-800">
        {label}
        <span aria-hidden className="text-[10px]">
          {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** `onOpenCase` null: "Open as conversation" is shown disabled (an evaluation is running). */
export function CaseResults({ scorecard, onOpenCase }: { scorecard: Scorecard; onOpenCase: ((model: string, caseId: string) => void) | null }) {
  const rows = useMemo(() => caseRows(scorecard), [scorecard]);
  const [outcome, setOutcome] = useState<OutcomeFilter>('all');
  const [model, setModel] = useState<string | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection } | null>(null);
  const [page, setPage] = useState(0);
  const shown = useMemo(() => visibleRows(rows, { outcome, model }, sort), [rows, outcome, model, sort]);
  const shownPage = Math.min(page, pageCount(shown.length, PAGE) - 1);
  const visible = shown.slice(shownPage * PAGE, (shownPage + 1) * PAGE);

  const onSort = (key: SortKey) => {
    setSort((current) => ({ key, direction: current?.key === key && current.direction === 'ascending' ? 'descending' : 'ascending' }));
    setPage(0);
  };

  return (
    <div className="flex min-w-0 flex-col">
      <div className="flex flex-wrap items-center gap-2 px-4 py-1.5 text-xs">
        <label className="flex items-center gap-1.5">
          Show
          <select value={outcome} onChange={(event) => (setOutcome(event.target.value as OutcomeFilter), setPage(0))} className={`${fieldClass} w-auto py-1`}>
            <option value="all">every case</option>
            <option value="fail">failed cases</option>
            <option value="error">errors</option>
            <option value="pass">passed cases</option>
          </select>
        </label>
        {scorecard.models.length > 1 ? (
          <label className="flex items-center gap-1.5">
            of
            <select value={model ?? ''} onChange={(event) => (setModel(event.target.value || null), setPage(0))} className={`${fieldClass} w-auto py-1`}>
              <option value="">every model</option>
              {scorecard.models.map((score) => (
                <option key={score.model} value={score.model}>
                  {score.model}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <span className="text-zinc-600 dark:text-zinc-400">{shown.length.toLocaleString('en')} results</span>
      </div>
      <div className="overflow-x-auto px-2">
        <table aria-label="Case results" className="w-full min-w-[52rem] border-collapse text-[13px]">
          <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
            <tr>
              <SortHeader label="Case" sortKey="id" sort={sort} onSort={onSort} />
              <SortHeader label="Model" sortKey="model" sort={sort} onSort={onSort} />
              <SortHeader label="Result" sortKey="pass" sort={sort} onSort={onSort} />
              <th scope="col" className="px-2 py-1 text-left font-medium">
                Calls made and why
              </th>
              <SortHeader label="Latency" sortKey="latency" sort={sort} onSort={onSort} align="right" />
              <SortHeader label="Tokens" sortKey="tokens" sort={sort} onSort={onSort} align="right" />
              <SortHeader label="Cost" sortKey="cost" sort={sort} onSort={onSort} align="right" />
              <th scope="col" className="px-2 py-1 text-left font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 align-top dark:divide-zinc-800">
            {visible.map(({ key, model: rowModel, result }) => {
              const outcomeNow = OUTCOME[caseOutcome(result)];
              return (
                <tr key={key}>
                  <th scope="row" className="px-2 py-1.5 text-left font-mono text-xs font-medium whitespace-nowrap">
                    {result.id}
                  </th>
                  <td className="max-w-40 truncate px-2 py-1.5 font-mono text-xs" title={rowModel}>
                    {rowModel}
                  </td>
                  <td className="px-2 py-1.5">
                    <Badge tone={outcomeNow.tone}>{outcomeNow.label}</Badge>
                  </td>
                  <td className="min-w-64 px-2 py-1.5">
                    {result.calls.length ? (
                      <ul aria-label="Calls made" className="font-mono text-[11px] break-all text-zinc-700 dark:text-zinc-300">
                        {result.calls.map((call, i) => (
                          <li key={i}>{callText(call)}</li>
                        ))}
                      </ul>
                    ) : (
                      <p className="text-[11px] text-zinc-600 dark:text-zinc-400">No tool call.</p>
                    )}
                    {result.error !== undefined ? <p className="mt-0.5 text-xs text-amber-800 dark:text-amber-300">{result.error}</p> : null}
                    {result.reasons.length ? (
                      <ul aria-label="Why" className="mt-0.5 list-disc pl-4 text-xs text-rose-700 dark:text-rose-300">
                        {result.reasons.map((reason, i) => (
                          <li key={i}>{reason}</li>
                        ))}
                      </ul>
                    ) : result.pass ? (
                      <p className="mt-0.5 text-xs text-emerald-700 dark:text-emerald-400">Every expectation met.</p>
                    ) : null}
                  </td>
                  <td className="px-2 py-1.5 text-right tabular-nums">{formatMs(result.total_ms)}</td>
                  <td className="px-2 py-1.5 text-right tabular-nums">{result.usage ? result.usage.total_tokens.toLocaleString('en') : '—'}</td>
                  <td className="px-2 py-1.5 text-right tabular-nums">{result.cost === null ? '—' : formatUsd(result.cost)}</td>
                  <td className="px-2 py-1.5">
                    {result.messages?.length ? (
                      <Button size="sm" variant="ghost" className="whitespace-nowrap" aria-label={`Open as conversation: ${result.id} on ${rowModel}`} disabled={!onOpenCase} onClick={() => onOpenCase?.(rowModel, result.id)}>
                        Open as conversation
                      </Button>
                    ) : (
                      <span className="text-[11px] text-zinc-600 dark:text-zinc-400">Conversation not kept</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pager what="case results" page={shownPage} total={shown.length} size={PAGE} onPage={setPage} />
    </div>
  );
}
