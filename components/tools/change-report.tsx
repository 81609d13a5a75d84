'use client';

/** What an import or an export changed, grouped by tool, in words. */
import type { FormatChange } from '@/lib/tool-formats/types';

/** More changes than this are counted, not listed (a 100-tool OpenAPI document can make thousands). */
const MAX_LISTED = 200;

export function ChangeReport({ changes, empty }: { changes: readonly FormatChange[]; empty: string }) {
  if (!changes.length) return <p className="text-emerald-700 dark:text-emerald-400">{empty}</p>;
  const groups = new Map<string, FormatChange[]>();
  for (const change of changes.slice(0, MAX_LISTED)) {
    const key = change.tool ?? '';
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  return (
    <div className="space-y-1.5">
      <p className="text-zinc-700 dark:text-zinc-300">{changes.length === 1 ? '1 change:' : `${changes.length} changes:`}</p>
      <ul aria-label="Changes" className="space-y-1">
        {[...groups].map(([tool, items]) => (
          <li key={tool}>
            <span className="font-mono font-medium text-zinc-800 dark:text-zinc-200">{tool || 'The document'}</span>
            <ul className="ml-4 list-disc text-zinc-700 dark:text-zinc-300">
              {items.map((change, i) => (
                <li key={i}>
                  {change.path ? <span className="font-mono">{change.path}: </span> : null}
                  {change.message}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {changes.length > MAX_LISTED ? <p className="text-zinc-500 dark:text-zinc-400">…and {changes.length - MAX_LISTED} more.</p> : null}
    </div>
  );
}
