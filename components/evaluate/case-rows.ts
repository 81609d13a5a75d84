/**
 * The scorecard's per-case rows (one per case and model), filtered and sorted for the table with
 * lib/evaluate/scorecard.ts's order (`sortCases`): one pass of keys, then a numeric or string compare,
 * so a 1,000-case scorecard of several models sorts well within a frame.
 */
import type { CaseResult, Scorecard } from '@/lib/evaluate/types';
import { caseOutcome, sortCases, type CaseSortKey } from '@/lib/evaluate/scorecard';

export interface CaseRow {
  key: string;
  model: string;
  result: CaseResult;
  /** Where the case stands in the test-case list (the default order). */
  order: number;
}

export type Outcome = ReturnType<typeof caseOutcome>;
/** The table's columns: lib/evaluate/scorecard.ts's sort keys, and the model. */
export type SortKey = CaseSortKey | 'model';
export type SortDirection = 'ascending' | 'descending';
export type OutcomeFilter = 'all' | Outcome;

export function caseRows(scorecard: Scorecard): CaseRow[] {
  return scorecard.models.flatMap((score) => score.cases.map((result, order) => ({ key: `${score.model}\u0000${result.id}`, model: score.model, result, order })));
}

const models = new Intl.Collator('en', { numeric: true });

/** Rows of one outcome (or all) and one model (or all), sorted (stable; unknown values last either way). */
export function visibleRows(rows: readonly CaseRow[], filter: { outcome: OutcomeFilter; model: string | null }, sort: { key: SortKey; direction: SortDirection } | null): CaseRow[] {
  const kept = rows.filter((row) => (filter.outcome === 'all' || caseOutcome(row.result) === filter.outcome) && (filter.model === null || row.model === filter.model));
  if (!sort) return kept;
  if (sort.key === 'model') {
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return [...kept].sort((a, b) => sign * models.compare(a.model, b.model));
  }
  // Each row's result is its own object (one per model), so the sorted results lead back to their rows.
  const byResult = new Map(kept.map((row) => [row.result, row]));
  return sortCases(kept.map((row) => row.result), sort.key, sort.direction === 'ascending' ? 'asc' : 'desc').map((result) => byResult.get(result)!);
}

/** A latency as the tables show it. */
export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
