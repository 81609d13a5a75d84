'use client';

/**
 * What a turn's expectations say, where the person looks: on each tool call card ("Expectation check":
 * meets its expected call, or why not) and under the turn's last reply ("Turn expectation check": meets
 * the expectations, or every reason it does not, and what is still pending). The verdicts are the
 * store's (lib/store/expectations.ts `expectationChecks`, from lib/evaluate/match.ts).
 */
import type { ShownVerdict } from '@/lib/store/expectation-checks';

function Reasons({ items, tone }: { items: string[]; tone: 'fail' | 'pending' }) {
  if (!items.length) return null;
  return (
    <ul className={`mt-0.5 space-y-0.5 ${tone === 'fail' ? 'text-rose-800 dark:text-rose-200' : 'text-zinc-600 dark:text-zinc-400'}`}>
      {items.map((reason) => (
        <li key={reason} className="flex gap-1.5">
          <span aria-hidden>{tone === 'fail' ? '✗' : '…'}</span>
          <span>{reason}</span>
        </li>
      ))}
    </ul>
  );
}

/** On a call card: whether this call meets the turn's expectations. */
export function CallVerdict({ verdict }: { verdict: ShownVerdict }) {
  return (
    <div role="status" aria-label="Expectation check" className="mt-1.5 text-xs">
      {verdict.pass ? (
        <p className="text-emerald-700 dark:text-emerald-400">
          <span aria-hidden>✓ </span>Meets the expected call
        </p>
      ) : (
        <p className="font-medium text-rose-700 dark:text-rose-300">Does not meet the expected calls</p>
      )}
      <Reasons items={verdict.failures} tone="fail" />
      <Reasons items={verdict.pending} tone="pending" />
    </div>
  );
}

/** Under the turn's last reply: the whole turn against its expectations, so far until its final answer. */
export function TurnVerdict({ verdict }: { verdict: ShownVerdict & { finished: boolean } }) {
  const sofar = verdict.finished ? '' : ' so far';
  // Until the answer comes, the turn may still make calls: say that the answer is still to come.
  const pending = verdict.finished || verdict.pending.some((reason) => reason.includes('final answer')) ? verdict.pending : [...verdict.pending, 'Pending: the final answer'];
  return (
    <div
      role="status"
      aria-label="Turn expectation check"
      className={`mt-2.5 rounded-md px-2.5 py-1.5 text-xs ring-1 ${
        verdict.pass
          ? 'bg-emerald-50 ring-emerald-200 dark:bg-emerald-950/30 dark:ring-emerald-900'
          : 'bg-rose-50 ring-rose-200 dark:bg-rose-950/30 dark:ring-rose-900'
      }`}
    >
      <p className={`font-medium ${verdict.pass ? 'text-emerald-800 dark:text-emerald-300' : 'text-rose-800 dark:text-rose-200'}`}>
        <span aria-hidden>{verdict.pass ? '✓ ' : '✗ '}</span>
        {verdict.pass ? `Meets expectations${sofar}` : `Does not meet expectations${sofar}:`}
      </p>
      <Reasons items={verdict.failures} tone="fail" />
      <Reasons items={pending} tone="pending" />
    </div>
  );
}
