'use client';

/**
 * The stream chunk by chunk: when each arrived (time since the request), what the provider sent and
 * what our server sent for it, with the normalizer's changes named and highlighted. When the offline
 * simulator answered there is no provider: each chunk shows once. A long stream shows its first chunks,
 * then "Show all N chunks".
 */
import { Fragment, useState } from 'react';
import type { RawStream, StreamChunk } from '@/lib/inspector/raw-stream';
import { compareChunk, type JsonChange } from '@/lib/inspector/json-changes';
import { FoldedText, useScrolls } from '@/components/ui/folded-text';
import { LONG_TEXT_CHARS } from '@/components/ui/long-text';
import { ms } from './format';

const FIRST_CHUNKS = 60;

const lineClass = 'overflow-x-auto rounded border px-2 py-1 font-mono text-[11px] leading-relaxed whitespace-pre-wrap';

/**
 * One event's text, wrapped only after its commas and at its spaces (never inside a word or a
 * number); a run too long for the box scrolls (the box then takes focus). Past LONG_TEXT_CHARS folded.
 */
function EventText({ text, className }: { text: string; className: string }) {
  const [ref, scrolls] = useScrolls<HTMLDivElement>(true);
  if (text.length > LONG_TEXT_CHARS) return <FoldedText as="div" tabIndex={0} text={text} className={`${className} whitespace-pre`} />;
  const parts = text.split(',');
  return (
    <div ref={ref} className={className} tabIndex={scrolls ? 0 : undefined}>
      <span className="block">
        {parts.map((part, i) => (
          <Fragment key={i}>
            {part}
            {i < parts.length - 1 ? (
              <>
                ,<wbr />
              </>
            ) : null}
          </Fragment>
        ))}
      </span>
    </div>
  );
}

function Line({ text, tone, label }: { text: string; tone: 'provider' | 'ours' | 'changed'; label: string }) {
  const colours = {
    provider: 'border-zinc-200 bg-white text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300',
    ours: 'border-zinc-200 bg-white text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300',
    changed: 'border-amber-300 bg-amber-50 text-zinc-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-zinc-100',
  }[tone];
  return (
    <div className="min-w-0">
      <div className="mb-0.5 text-[10px] font-medium tracking-wide text-zinc-600 uppercase dark:text-zinc-400">{label}</div>
      <EventText text={text} className={`${lineClass} ${colours}`} />
    </div>
  );
}

const short = (value: unknown) => {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
};

function Changes({ changes }: { changes: JsonChange[] }) {
  return (
    <ul aria-label="What the normalizer changed" className="space-y-0.5 text-[11px]">
      {changes.map((change, i) => (
        <li key={i} className="font-mono">
          <span className="rounded bg-amber-100 px-1 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100">{change.path}</span>{' '}
          {change.kind === 'added' ? (
            <span>added <ins className="text-emerald-800 no-underline dark:text-emerald-300">{short(change.after)}</ins></span>
          ) : change.kind === 'removed' ? (
            <span>removed <del className="text-rose-800 dark:text-rose-300">{short(change.before)}</del></span>
          ) : (
            <span>
              <del className="text-rose-800 dark:text-rose-300">{short(change.before)}</del> → <ins className="text-emerald-800 no-underline dark:text-emerald-300">{short(change.after)}</ins>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function ChunkRow({ chunk, n, simulator }: { chunk: StreamChunk; n: number; simulator: boolean }) {
  const comparison = chunk.provider === null || simulator ? null : compareChunk(chunk.provider, chunk.sent);
  const sent = chunk.sent.join('\n');
  let body;
  if (simulator || chunk.provider === null) {
    body = <Line text={sent || chunk.provider || ''} tone="ours" label={simulator ? 'Simulator sent' : 'Sent'} />;
  } else if (comparison?.kind === 'same') {
    body = <Line text={chunk.provider} tone="provider" label="Provider sent · forwarded unchanged" />;
  } else {
    body = (
      <div className="grid gap-1.5 @2xl:grid-cols-2">
        <Line text={chunk.provider} tone="provider" label="Provider sent" />
        <Line
          text={sent || '(nothing yet: the normalizer held this back)'}
          tone={comparison?.kind === 'changed' ? 'changed' : 'ours'}
          label={comparison?.kind === 'changed' ? 'We sent · normalized' : 'We sent'}
        />
        {comparison?.kind === 'changed' ? (
          <div className="@2xl:col-span-2">
            <Changes changes={comparison.changes} />
          </div>
        ) : null}
      </div>
    );
  }
  return (
    <li className="flex gap-2 border-t border-zinc-100 py-1.5 first:border-t-0 dark:border-zinc-800/70">
      <span className="w-16 shrink-0 pt-3.5 text-right font-mono text-[11px] text-zinc-600 tabular-nums dark:text-zinc-400">
        <span className="sr-only">Chunk {n}, </span>
        {chunk.ms === null ? '—' : `+${ms(chunk.ms)}`}
      </span>
      <div className="min-w-0 flex-1">{body}</div>
    </li>
  );
}

export function ChunkList({ stream, number }: { stream: RawStream; number: number }) {
  const [all, setAll] = useState(false);
  const simulator = stream.upstream?.provider === 'simulator';
  const shown = all ? stream.chunks : stream.chunks.slice(0, FIRST_CHUNKS);
  const changed = simulator ? 0 : stream.chunks.filter((c) => c.provider !== null && compareChunk(c.provider, c.sent).kind === 'changed').length;
  return (
    <div className="@container">
      <p className="mb-1 text-xs text-zinc-600 dark:text-zinc-400">
        {simulator
          ? 'The offline simulator answered inside the playground server: there is no provider, so each chunk is shown once, as the simulator sent it.'
          : `${stream.chunks.length} chunks, each with its time since the request; ${changed ? `${changed} changed by the normalizer (highlighted)` : 'none changed by the normalizer'}.`}
      </p>
      <ol aria-label={`Stream chunks (call ${number})`}>
        {shown.map((chunk, i) => (
          <ChunkRow key={i} chunk={chunk} n={i + 1} simulator={simulator} />
        ))}
      </ol>
      {stream.chunks.length > shown.length ? (
        <button type="button" onClick={() => setAll(true)} className="mt-1 text-xs text-indigo-700 underline dark:text-indigo-300">
          Show all {stream.chunks.length} chunks
        </button>
      ) : null}
    </div>
  );
}
