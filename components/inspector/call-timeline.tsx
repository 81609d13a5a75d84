'use client';

/** A call's timeline as a bar: request → first token → each tool call → finish, each mark labelled. */
import type { TimelineMark } from '@/lib/inspector/timeline';
import { ms } from './format';

const DOT: Record<TimelineMark['kind'], string> = {
  request: 'bg-zinc-500',
  'first-token': 'bg-indigo-600 dark:bg-indigo-400',
  'tool-call': 'bg-amber-600 dark:bg-amber-400',
  finish: 'bg-emerald-700 dark:bg-emerald-400',
};

export function CallTimeline({ marks, number }: { marks: TimelineMark[]; number: number }) {
  const end = Math.max(1, ...marks.map((m) => m.ms));
  return (
    <figure className="space-y-1.5">
      <div aria-hidden className="relative mx-1.5 h-3">
        <div className="absolute top-1/2 right-0 left-0 h-1 -translate-y-1/2 rounded-full bg-zinc-200 dark:bg-zinc-800" />
        {marks.map((mark, i) => (
          <span key={i} className={`absolute top-1/2 size-2.5 -translate-x-1/2 -translate-y-1/2 rounded-full ring-2 ring-white dark:ring-zinc-900 ${DOT[mark.kind]}`} style={{ left: `${(mark.ms / end) * 100}%` }} />
        ))}
      </div>
      <figcaption>
        <ol aria-label={`Timeline (call ${number})`} className="flex flex-wrap gap-x-3 gap-y-0.5 text-[11px] text-zinc-700 dark:text-zinc-300">
          {marks.map((mark, i) => (
            <li key={i} className="inline-flex items-center gap-1 whitespace-nowrap">
              <span aria-hidden className={`size-1.5 rounded-full ${DOT[mark.kind]}`} />
              <span className="font-mono tabular-nums">{ms(mark.ms)}</span> {mark.label}
            </li>
          ))}
        </ol>
      </figcaption>
    </figure>
  );
}
