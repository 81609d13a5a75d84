'use client';

/**
 * Where the model columns' tool calls differ for the latest turn (lib/compare/diff.ts): a sentence per
 * difference, and a table with a column per model showing each one's call there, the arguments that
 * differ highlighted. When they agree, it says so.
 */
import { useMemo } from 'react';
import type { CallLike } from '@/lib/compare/calls';
import { describeDifference, diffCalls, type CallRow } from '@/lib/compare/diff';

interface Props {
  /** The columns' model ids, in column order. */
  labels: readonly string[];
  /** Each column's tool calls of its latest turn, in column order. */
  calls: ReadonlyArray<readonly CallLike[]>;
}

/** The arguments of one column's call, each `name: value`, the ones that differ marked. */
function CallCell({ row, column }: { row: CallRow; column: number }) {
  const call = row.calls[column];
  if (!call) return <span className="text-zinc-500 italic dark:text-zinc-400">no such call</span>;
  const differing = new Set(row.arguments.map((arg) => arg.name));
  const whole = differing.has(null);
  const entries = call.object ? Object.entries(call.object) : null;
  const absent = row.arguments.filter((arg) => arg.name !== null && (!call.object || !Object.hasOwn(call.object, arg.name)));
  return (
    <span className="font-mono">
      <span className={row.otherFunction ? 'rounded bg-amber-100 px-0.5 font-semibold text-amber-950 dark:bg-amber-900/60 dark:text-amber-100' : 'font-semibold'}>{call.name}</span>
      {'('}
      {entries && !whole ? (
        entries.map(([name, value], i) => {
          const text = `${name}: ${JSON.stringify(value)}`;
          return (
            <span key={name}>
              {i ? ', ' : ''}
              {differing.has(name) ? <mark className="rounded bg-amber-200 px-0.5 text-amber-950 dark:bg-amber-700/70 dark:text-amber-50">{text}</mark> : text}
            </span>
          );
        })
      ) : (
        <mark className="rounded bg-amber-200 px-0.5 text-amber-950 dark:bg-amber-700/70 dark:text-amber-50">{call.arguments}</mark>
      )}
      {')'}
      {absent.length ? <span className="ml-1 font-sans text-amber-900 dark:text-amber-200">without {absent.map((arg) => arg.name).join(', ')}</span> : null}
    </span>
  );
}

export function DiffRow({ labels, calls }: Props) {
  const diff = useMemo(() => diffCalls(calls), [calls]);
  const made = calls.reduce((sum, list) => sum + list.length, 0);
  return (
    <section aria-label="Tool call differences" className="shrink-0 border-t lg:max-h-64 lg:overflow-auto border-zinc-200 bg-white px-3 py-2 text-xs dark:border-zinc-800 dark:bg-zinc-900">
      {made === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">No tool calls in the latest turn yet: the differences between the columns’ calls show here.</p>
      ) : diff.differences.length === 0 ? (
        <p className="text-emerald-800 dark:text-emerald-300">
          <span aria-hidden>✓ </span>
          The columns made the same {diff.rows.length === 1 ? 'call' : `${diff.rows.length} calls`} in the latest turn: same functions, same arguments.
        </p>
      ) : (
        <>
          <h3 className="mb-1 font-semibold text-zinc-800 dark:text-zinc-100">
            {diff.differences.length === 1 ? '1 difference' : `${diff.differences.length} differences`} between the columns’ tool calls in the latest turn
          </h3>
          <table aria-label="Differences by column" className="w-full border-collapse text-left">
            <thead>
              <tr>
                <th scope="col" className="border-b border-zinc-200 py-1 pr-2 font-medium text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
                  Difference
                </th>
                {labels.map((label, i) => (
                  <th key={`${i}-${label}`} scope="col" className="border-b border-zinc-200 py-1 pr-2 font-mono font-medium text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {diff.differences.map((row, r) => (
                <tr key={r} className="align-top">
                  <th scope="row" className="border-b border-zinc-100 py-1 pr-2 font-normal text-zinc-800 dark:border-zinc-800 dark:text-zinc-200">
                    {describeDifference(row, labels)}
                  </th>
                  {labels.map((label, c) => (
                    <td key={`${c}-${label}`} className="border-b border-zinc-100 py-1 pr-2 break-all text-zinc-800 dark:border-zinc-800 dark:text-zinc-200">
                      <CallCell row={row} column={c} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
