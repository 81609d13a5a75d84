'use client';

/**
 * The guide's four steps of function calling, with the one the turn is at lit: compact above the
 * conversation, large in the presenter view. A list named "Steps of function calling"; the lit step
 * carries aria-current="step".
 */
import { RAIL, type RailStep } from '@/lib/demo/types';
import type { RailState } from '@/lib/demo/rail';

function stepState(rail: RailState, step: RailStep): 'current' | 'done' | 'skipped' | 'ahead' {
  if (rail.current === step) return 'current';
  if (rail.skippedTools && step !== 1) return 'skipped';
  if (rail.reached.includes(step) || (rail.current !== null && step < rail.current)) return 'done';
  return 'ahead';
}

const STATE_CLASS = {
  current: 'bg-indigo-600 text-white ring-indigo-600 dark:bg-indigo-500 dark:ring-indigo-400',
  done: 'bg-white text-zinc-800 ring-emerald-600/60 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-emerald-500/60',
  skipped: 'bg-zinc-100 text-zinc-600 ring-zinc-200 dark:bg-zinc-900 dark:text-zinc-400 dark:ring-zinc-800',
  ahead: 'bg-white text-zinc-700 ring-zinc-200 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-700',
} as const;

const STATE_WORD = { current: 'now', done: 'done', skipped: 'not needed', ahead: 'next' } as const;

export function StepRail({ rail, size = 'compact' }: { rail: RailState; size?: 'compact' | 'large' }) {
  const large = size === 'large';
  const status = rail.current === null ? 'Nothing sent yet' : `Turn ${rail.turn}${rail.waiting ? ' · waiting' : rail.answered ? ' · answered' : ''}`;
  return (
    <div className={`flex items-center ${large ? 'gap-4' : 'gap-2'}`}>
      <ol aria-label="Steps of function calling" className={`flex min-w-0 flex-1 items-stretch ${large ? 'gap-3' : 'gap-1'}`}>
        {RAIL.map(({ step, label }) => {
          const state = stepState(rail, step);
          return (
            <li
              key={step}
              aria-current={state === 'current' ? 'step' : undefined}
              title={large ? undefined : `${step}. ${label}`}
              className={`flex min-w-0 items-center rounded-md ring-1 ring-inset ${STATE_CLASS[state]} ${large ? 'flex-1 gap-3 px-4 py-3 text-[clamp(15px,1.25vw,24px)]' : `gap-1.5 px-1.5 py-1 text-[11px] ${state === 'current' ? 'flex-1' : ''}`}`}
            >
              <span
                aria-hidden
                className={`grid shrink-0 place-items-center rounded-full font-semibold ${large ? 'size-[1.8em]' : 'size-4 text-[10px]'} ${state === 'current' ? 'bg-white text-indigo-700' : state === 'done' ? 'bg-emerald-600 text-white' : 'bg-zinc-200 text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200'}`}
              >
                {state === 'done' ? '✓' : step}
              </span>
              {/* Compact, only the lit step is spelled out; the others keep their name for screen readers and a tooltip. */}
              <span
                className={`min-w-0 ${large ? 'font-medium' : state === 'current' ? 'truncate' : 'sr-only'} ${state === 'skipped' ? 'line-through decoration-zinc-400' : ''}`}
              >
                {label}
              </span>
              <span className="sr-only">
                {' '}
                (step {step}, {STATE_WORD[state]})
              </span>
            </li>
          );
        })}
      </ol>
      <span className={`shrink-0 text-zinc-600 tabular-nums dark:text-zinc-400 ${large ? 'text-[clamp(14px,1vw,20px)]' : 'hidden text-[11px] sm:inline'}`}>{status}</span>
    </div>
  );
}
