/**
 * The scorecard's arithmetic and its exports: a model's counts, latency percentiles, tokens and cost
 * from its case results; cases sorted for the table; CSV (RFC 4180, safe to open in a spreadsheet) and
 * JSON (results.json, docs/evaluate.md).
 */
import type { CaseResult, ModelScore, Scorecard } from './types';

/** Nearest-rank percentile of sorted values; null for none. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * A model's score. Latency (each case's model time, total_ms) is over the cases without error; the
 * cost is the sum over those cases, or null when any of them has no known cost.
 */
export function summarizeModel(model: string, cases: CaseResult[]): ModelScore {
  const ran = cases.filter((result) => result.error === undefined);
  const latencies = ran.flatMap((result) => (result.total_ms === null ? [] : [result.total_ms])).sort((a, b) => a - b);
  const costs = ran.map((result) => result.cost);
  return {
    model,
    passed: ran.filter((result) => result.pass).length,
    failed: ran.filter((result) => !result.pass).length,
    errors: cases.length - ran.length,
    total: cases.length,
    latency: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    tokens: {
      prompt: cases.reduce((sum, result) => sum + (result.usage?.prompt_tokens ?? 0), 0),
      completion: cases.reduce((sum, result) => sum + (result.usage?.completion_tokens ?? 0), 0),
    },
    cost: costs.length > 0 && costs.every((cost) => cost !== null) ? costs.reduce<number>((sum, cost) => sum + (cost ?? 0), 0) : null,
    cases,
  };
}

export type CaseSortKey = 'id' | 'pass' | 'latency' | 'tokens' | 'cost';
export type SortDirection = 'asc' | 'desc';

/** Passed above failed above error, ascending. */
const outcomeRank = (result: CaseResult) => (result.error !== undefined ? 0 : result.pass ? 2 : 1);

function sortValue(result: CaseResult, key: Exclude<CaseSortKey, 'id'>): number | null {
  switch (key) {
    case 'pass':
      return outcomeRank(result);
    case 'latency':
      return result.total_ms;
    case 'tokens':
      return result.usage?.total_tokens ?? null;
    case 'cost':
      return result.cost;
  }
}

const ids = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** A sorted copy; stable (equal keys keep their order), and cases with no value last either way. */
export function sortCases(cases: readonly CaseResult[], key: CaseSortKey, direction: SortDirection): CaseResult[] {
  const sign = direction === 'asc' ? 1 : -1;
  if (key === 'id') return [...cases].sort((a, b) => sign * ids.compare(a.id, b.id));
  const keyed = cases.map((result) => ({ result, value: sortValue(result, key) }));
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === b.value ? 0 : a.value === null ? 1 : -1;
    return sign * (a.value - b.value);
  });
  return keyed.map(({ result }) => result);
}

/** A case's outcome in one word. */
export function caseOutcome(result: CaseResult): 'pass' | 'fail' | 'error' {
  return result.error !== undefined ? 'error' : result.pass ? 'pass' : 'fail';
}

/**
 * One CSV cell: a text a spreadsheet would run as a formula (it starts with = + - @, or a tab or
 * carriage return that hides one) gets a leading apostrophe (OWASP's advice); then RFC 4180 quoting.
 */
function cell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CSV_COLUMNS = ['model', 'case', 'outcome', 'error', 'calls', 'reasons', 'first_token_ms', 'total_ms', 'prompt_tokens', 'completion_tokens', 'cost_usd'];

/** One row per model and case, CRLF line ends (RFC 4180). */
export function scorecardCsv(scorecard: Scorecard): string {
  const rows = [CSV_COLUMNS.map(cell).join(',')];
  for (const score of scorecard.models) {
    for (const result of score.cases) {
      rows.push(
        [
          score.model,
          result.id,
          caseOutcome(result),
          result.error ?? '',
          JSON.stringify(result.calls),
          result.reasons.join('; '),
          result.first_token_ms,
          result.total_ms,
          result.usage?.prompt_tokens ?? null,
          result.usage?.completion_tokens ?? null,
          result.cost,
        ]
          .map(cell)
          .join(','),
      );
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}

/**
 * results.json: the scorecard as saved (docs/evaluate.md), each case's conversation left out unless
 * `conversations` asks for it (they are most of the size).
 */
export function scorecardJson(scorecard: Scorecard, options: { conversations?: boolean } = {}): string {
  const shown = options.conversations
    ? scorecard
    : { ...scorecard, models: scorecard.models.map((score) => ({ ...score, cases: score.cases.map(({ messages: _messages, ...rest }) => rest) })) };
  return `${JSON.stringify(shown, null, 2)}\n`;
}
