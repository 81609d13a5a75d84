'use client';

/**
 * What the playground server changed in a call's request before sending it to the provider, because
 * that provider is known to reject it as asked (lib/server/adapt-request.ts): one line per change,
 * "Adapted for Mistral: …", shown with the request body (which is what was asked). Told apart from
 * the normalizer's changes, which are about the reply (chunk-list.tsx).
 */
import type { Adaptation } from '@/lib/inspector/adaptations';

export function AdaptationList({ adaptations, number }: { adaptations: readonly Adaptation[]; number: number }) {
  if (adaptations.length === 0) return null;
  return (
    <div className="mb-1.5 rounded-md border border-sky-200 bg-sky-50 px-2.5 py-1.5 text-xs text-zinc-800 dark:border-sky-900 dark:bg-sky-950/40 dark:text-zinc-200">
      <p className="mb-1 text-zinc-700 dark:text-zinc-300">
        The body below is what was asked. The playground server sent the provider an adapted request:
      </p>
      <ul aria-label={`What the adapter changed (call ${number})`} className="space-y-1">
        {adaptations.map((adaptation, i) => (
          <li key={i}>
            <span className="font-semibold text-sky-900 dark:text-sky-200">Adapted for {adaptation.provider}:</span> {adaptation.message}{' '}
            <span className="font-mono text-[10px] text-zinc-600 dark:text-zinc-400">({adaptation.rule})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
