'use client';

/**
 * A schema check's verdict as a card shows it (the arguments against the tool's parameters, a result
 * against its result schema): the one-line summary when it passes, else a list of every problem.
 */
import type { ArgumentsCheck } from '@/lib/tools/arguments';

export function CheckNotes({ check, problemsLabel }: { check: ArgumentsCheck; problemsLabel: string }) {
  if (check.ok) {
    return (
      <p className="text-emerald-700 dark:text-emerald-400">
        <span aria-hidden>✓ </span>
        {check.summary}
      </p>
    );
  }
  return (
    <ul aria-label={problemsLabel} className="space-y-0.5 text-amber-800 dark:text-amber-300">
      {check.problems.map((problem) => (
        <li key={problem} className="flex gap-1.5">
          <span aria-hidden>⚠</span>
          <span>{problem}</span>
        </li>
      ))}
    </ul>
  );
}
