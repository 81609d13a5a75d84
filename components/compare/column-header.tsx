'use client';

/**
 * A model column's header: its model (the picker, passed in), the latest turn's latency (time to first
 * token, time in the model), tokens and cost, and the verdict of its calls: their arguments against the
 * tools' schemas, and the turn's expectations when it has some. "Continue with this one" and "Remove".
 */
import type { ReactNode } from 'react';
import type { ChecksVerdict, TurnSummary } from '@/lib/compare/turn';
import type { TurnVerdict } from '@/lib/evaluate/types';
import { formatUsd } from '@/lib/pricing/cost';
import { ms } from '@/components/inspector/format';
import { Badge, Button } from '@/components/ui/controls';

interface Props {
  model: string;
  picker: ReactNode;
  turn: TurnSummary;
  checks: ChecksVerdict;
  /** The turn's expectations judged; null when the turn has none. */
  expectations: TurnVerdict | null;
  /** Whether the inspector shows this column's calls. */
  inspected: boolean;
  onContinue: () => void;
  onRemove: () => void;
  /** Why the column cannot be closed now (a reply streams), or null. */
  closeProblem: string | null;
  /** Why the column cannot be removed (Compare needs two), or null. */
  removeProblem: string | null;
}

function costText(cost: TurnSummary['cost']): string {
  if (cost.kind === 'free') return 'free';
  if (cost.kind === 'priced') return formatUsd(cost.usd);
  return 'cost unknown';
}

function ChecksLine({ checks }: { checks: ChecksVerdict }) {
  if (checks.kind === 'no-calls') return <Badge>No tool calls</Badge>;
  if (checks.kind === 'checking') return <Badge tone="info">Checking the arguments…</Badge>;
  if (checks.kind === 'pass') {
    return <Badge tone="success">✓ Arguments: {checks.total === 1 ? 'the call passes' : `all ${checks.total} calls pass`}</Badge>;
  }
  return (
    <details className="group">
      <summary className="cursor-pointer list-none">
        <Badge tone="danger">
          ✗ Arguments: {checks.failed.length} of {checks.total} {checks.total === 1 ? 'call fails' : 'calls fail'}
        </Badge>
      </summary>
      <ul aria-label="Argument problems of this column" className="mt-1 space-y-0.5 text-xs text-rose-800 dark:text-rose-300">
        {checks.failed.flatMap((call, i) => call.problems.map((problem) => <li key={`${i}-${problem}`}>{`${call.name}: ${problem}`}</li>))}
      </ul>
    </details>
  );
}

function ExpectationsLine({ verdict }: { verdict: TurnVerdict }) {
  const failures = verdict.reasons.filter((reason) => !reason.startsWith('Pending:'));
  if (verdict.pass) return <Badge tone={verdict.pending ? 'info' : 'success'}>{verdict.pending ? 'Expectations: met so far' : '✓ Expectations met'}</Badge>;
  return (
    <details>
      <summary className="cursor-pointer list-none">
        <Badge tone="danger">✗ Expectations not met ({failures.length})</Badge>
      </summary>
      <ul aria-label="Unmet expectations of this column" className="mt-1 space-y-0.5 text-xs text-rose-800 dark:text-rose-300">
        {failures.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </details>
  );
}

export function ColumnHeader({ model, picker, turn, checks, expectations, inspected, onContinue, onRemove, closeProblem, removeProblem }: Props) {
  const stats = turn.modelCalls.length
    ? [
        `TTFT ${ms(turn.firstTokenMs)}`,
        turn.streaming ? 'streaming…' : `total ${ms(turn.totalMs)}`,
        turn.tokens === null ? 'tokens unknown' : `${turn.tokens.toLocaleString('en-US')} tokens`,
        costText(turn.cost),
      ]
    : null;
  return (
    <div className="space-y-1.5 border-b border-zinc-200 bg-white px-3 py-2 dark:border-zinc-800 dark:bg-zinc-900">
      {picker}
      <p aria-label="Latest turn" className="text-xs text-zinc-700 tabular-nums dark:text-zinc-300" title="The latest turn: time to the first token of its first model call, time spent in its model calls, tokens and cost">
        {stats ? stats.join(' · ') : 'Nothing sent yet'}
      </p>
      <div className="flex flex-wrap items-start gap-1.5">
        <ChecksLine checks={checks} />
        {expectations ? <ExpectationsLine verdict={expectations} /> : null}
        {inspected ? <Badge tone="info">In the inspector</Badge> : null}
      </div>
      <div className="flex flex-wrap gap-1.5">
        <Button size="sm" variant="secondary" onClick={onContinue} disabled={closeProblem !== null} title={closeProblem ?? 'End Compare here: this column’s conversation and model become the scenario’s'}>
          Continue with this one
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={onRemove}
          disabled={(closeProblem ?? removeProblem) !== null}
          aria-label={`Remove the column of ${model}`}
          title={closeProblem ?? removeProblem ?? undefined}
        >
          Remove
        </Button>
      </div>
    </div>
  );
}
