'use client';

/**
 * What an answer carries besides its text: a reasoning model's thinking (folded above the answer), and
 * the answer's check against the response format it was asked for (JSON, or JSON of a schema).
 */
import { useMemo } from 'react';
import type { ResponseFormat } from '@/lib/wire/chat';
import { checkResponseFormatIfLoaded } from '@/lib/tools/response-check';
import { useSchemaEngine } from './use-arguments-check';
import { CheckNotes } from './check-notes';

export function ReasoningFold({ text, streaming }: { text: string; streaming: boolean }) {
  return (
    <details className="mb-2 rounded-md border border-zinc-200 bg-zinc-50 text-xs dark:border-zinc-800 dark:bg-zinc-950/60" open={streaming || undefined}>
      <summary className="cursor-pointer px-2.5 py-1.5 font-medium text-zinc-600 dark:text-zinc-400">
        Reasoning <span className="font-normal">({text.length.toLocaleString('en')} characters{streaming ? ', thinking…' : ''})</span>
      </summary>
      <p className="max-h-64 overflow-y-auto px-2.5 pb-2 whitespace-pre-wrap text-zinc-700 dark:text-zinc-300">{text}</p>
    </details>
  );
}

/** The answer against the response format its call asked for; nothing for plain text. */
export function ResponseFormatVerdict({ content, format }: { content: string | null; format: ResponseFormat | undefined }) {
  const wanted = Boolean(format && format.type !== 'text');
  const engine = useSchemaEngine(wanted);
  const check = useMemo(() => (wanted && engine === 'loaded' ? checkResponseFormatIfLoaded(content, format) : null), [wanted, engine, content, format]);
  if (!check || check.kind === 'none') return null;
  const shown = check.kind === 'valid' ? { ok: true, summary: check.summary, problems: [] } : { ok: false, summary: check.summary, problems: check.errors.length ? check.errors : [check.summary] };
  return (
    <div className="mt-1.5 text-xs">
      <CheckNotes check={shown} problemsLabel="Response format problems" />
    </div>
  );
}
