/**
 * The scorecard's per-case rows (one per case and model), filtered and sorted for the table. Sorting
 * a 1,000-case scorecard of six models stays well under a frame's budget: one pass of keys, then a
 * numeric or string compare.
 */
import type { CaseResult, Scorecard } from '@/lib/evaluate/types';

export interface CaseRow {
  key: string;
  model: string;
  result: CaseResult;
  /** Where the case stands in the test-case list (the default order). */
  order: number;
}

export type Outcome = 'pass' | 'fail' | 'error';
export type SortKey = 'case' | 'model' | 'outcome' | 'latency' | 'tokens' | 'cost';
export type SortDirection = 'ascending' | 'descending';
export type OutcomeFilter = 'all' | Outcome;

export function outcomeOf(result: CaseResult): Outcome {
  return result.error !== undefined ? 'error' : result.pass ? 'pass' : 'fail';
}

export function caseRows(scorecard: Scorecard): CaseRow[] {
  return scorecard.models.flatMap((score) => score.cases.map((result, order) => ({ key: `${score.model}\u0000${result.id}`, model: score.model, result, order })));
}

const OUTCOME_RANK: Record<Outcome, number> = { fail: 0, error: 1, pass: 2 };

function sortValue(row: CaseRow, key: SortKey): string | number | null {
  switch (key) {
    case 'case':
      return row.result.id;
    case 'model':
      return row.model;
    case 'outcome':
      return OUTCOME_RANK[outcomeOf(row.result)];
    case 'latency':
      return row.result.total_ms;
    case 'tokens':
      return row.result.usage?.total_tokens ?? null;
    case 'cost':
      return row.result.cost;
  }
}

const collator = new Intl.Collator('en', { numeric: true });

/** Rows of one outcome (or all) and one model (or all), sorted; unknown values (null) last either way. */
export function visibleRows(rows: readonly CaseRow[], filter: { outcome: OutcomeFilter; model: string | null }, sort: { key: SortKey; direction: SortDirection } | null): CaseRow[] {
  const kept = rows.filter((row) => (filter.outcome === 'all' || outcomeOf(row.result) === filter.outcome) && (filter.model === null || row.model === filter.model));
  if (!sort) return kept;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const keyed = kept.map((row) => ({ row, value: sortValue(row, sort.key) }));
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === b.value ? a.row.order - b.row.order : a.value === null ? 1 : -1;
    const order = typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : collator.compare(String(a.value), String(b.value));
    return order ? sign * order : a.row.order - b.row.order;
  });
  return keyed.map((item) => item.row);
}

/** A latency as the tables show it. */
export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
