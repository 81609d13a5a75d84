'use client';

/**
 * The sequence diagram: lifelines for Person, App, Model and Tool, and one arrow per request or
 * response, labelled with what travels along it. Parallel calls sit side by side in a dashed box; a
 * declined call is a crossed-out arrow that stops short of the tool, a failure a red one, a retry says
 * so, and what has not happened yet (a reply streaming, a call waiting for approval) is dashed. A list
 * named "Sequence diagram", one item per step; an arrow is a button when it leads somewhere (`onArrow`).
 */
import { LANES, type Arrow, type DemoStep, type Lane } from '@/lib/demo/types';

const LANE_INDEX: Record<Lane, number> = { person: 0, app: 1, model: 2, tool: 3 };
const LANE_LABEL: Record<Lane, string> = { person: 'Person', app: 'App', model: 'Model', tool: 'Tool' };

const STATUS_WORD: Record<Arrow['status'], string> = { done: '', pending: ' (waiting)', rejected: ' (declined)', failed: ' (failed)', stopped: ' (stopped)' };

const COLOUR: Record<Arrow['status'], string> = {
  done: 'text-zinc-500 dark:text-zinc-400',
  pending: 'text-amber-600 dark:text-amber-400',
  rejected: 'text-rose-600 dark:text-rose-400',
  failed: 'text-rose-600 dark:text-rose-400',
  stopped: 'text-zinc-500 dark:text-zinc-400',
};

const LINE_STYLE: Record<Arrow['status'], string> = { done: 'border-solid', pending: 'border-dashed', rejected: 'border-dotted', failed: 'border-solid', stopped: 'border-dashed' };

const KIND_COLOUR: Partial<Record<Arrow['kind'], string>> = {
  request: 'text-indigo-600 dark:text-indigo-400',
  'tool-call': 'text-violet-600 dark:text-violet-400',
  run: 'text-emerald-700 dark:text-emerald-400',
  result: 'text-emerald-700 dark:text-emerald-400',
};

export function arrowName(arrow: Arrow): string {
  return `${LANE_LABEL[arrow.from]} → ${LANE_LABEL[arrow.to]}: ${arrow.label}${STATUS_WORD[arrow.status]}`;
}

function ArrowLine({ arrow, large }: { arrow: Arrow; large: boolean }) {
  const rightward = LANE_INDEX[arrow.to] > LANE_INDEX[arrow.from];
  const colour = arrow.status === 'done' ? (KIND_COLOUR[arrow.kind] ?? COLOUR.done) : COLOUR[arrow.status];
  const head = large ? 'size-3' : 'size-2';
  return (
    <span aria-hidden className={`flex items-center ${rightward ? '' : 'flex-row-reverse'} ${colour}`}>
      <span className={`h-0 flex-1 border-current ${large ? 'border-t-[3px]' : 'border-t-2'} ${LINE_STYLE[arrow.status]}`} />
      {arrow.status === 'rejected' ? (
        <>
          <span className={`shrink-0 px-0.5 leading-none font-bold ${large ? 'text-[1.1em]' : 'text-xs'}`}>✕</span>
          <span className="w-1/5 shrink-0" />
        </>
      ) : (
        <svg viewBox="0 0 10 10" className={`${head} shrink-0 ${rightward ? '' : 'rotate-180'}`}>
          <path d="M0 0L10 5L0 10z" fill="currentColor" />
        </svg>
      )}
    </span>
  );
}

interface Props {
  steps: readonly DemoStep[];
  /** The step shown now (highlighted). */
  currentId?: string | null;
  /** Where an arrow leads (the inspector, or the presenter's step); none: the arrows are not buttons. */
  onArrow?: ((arrow: Arrow, step: DemoStep) => void) | null;
  /** Whether an arrow leads somewhere (default: every one does when `onArrow` is given). */
  canOpen?: (arrow: Arrow) => boolean;
  size?: 'compact' | 'large';
}

export function SequenceDiagram({ steps, currentId = null, onArrow = null, canOpen = () => true, size = 'compact' }: Props) {
  const large = size === 'large';
  const text = large ? 'text-[clamp(14px,1.05vw,21px)]' : 'text-[11px]';
  return (
    <div className={`relative ${text}`}>
      <div className={`sticky top-0 z-10 grid grid-cols-4 bg-white dark:bg-zinc-900 ${large ? 'pb-1.5' : 'pb-1'}`} aria-hidden>
        {LANES.map(({ lane, label }) => (
          <span key={lane} className={`mx-auto rounded-md bg-zinc-800 font-semibold text-white dark:bg-zinc-200 dark:text-zinc-900 ${large ? 'px-4 py-1.5' : 'px-2 py-0.5'}`}>
            {label}
          </span>
        ))}
      </div>
      <div className="relative">
        {[12.5, 37.5, 62.5, 87.5].map((left) => (
          <span key={left} aria-hidden className="absolute inset-y-0 w-px bg-zinc-300 dark:bg-zinc-700" style={{ left: `${left}%` }} />
        ))}
        <ol aria-label="Sequence diagram" className={`relative ${large ? 'space-y-2 py-3' : 'space-y-1 py-2'}`}>
          {steps.map((step) => (
            <li
              key={step.id}
              aria-current={step.id === currentId ? 'step' : undefined}
              className={`rounded-md ${step.id === currentId ? 'bg-indigo-50/90 ring-1 ring-indigo-300 dark:bg-indigo-950/60 dark:ring-indigo-800' : ''} ${step.parallel ? 'mx-1 border border-dashed border-zinc-400 dark:border-zinc-600' : ''}`}
            >
              {step.parallel ? <span className={`block px-2 pt-0.5 font-medium text-zinc-600 dark:text-zinc-400 ${large ? 'text-[0.8em]' : 'text-[10px]'}`}>in parallel</span> : null}
              {step.arrows.map((arrow) => {
                const from = LANE_INDEX[arrow.from];
                const to = LANE_INDEX[arrow.to];
                const start = Math.min(from, to) * 2 + 2;
                const end = Math.max(from, to) * 2 + 2;
                const body = (
                  <>
                    <span className={`block px-1 text-center ${large ? 'line-clamp-2 text-[0.9em] leading-tight [overflow-wrap:anywhere]' : 'truncate'} ${arrow.status === 'rejected' ? 'line-through' : ''} ${arrow.status === 'failed' ? 'text-rose-700 dark:text-rose-300' : 'text-zinc-800 dark:text-zinc-100'}`}>
                      {arrow.retry ? '↻ ' : ''}
                      {arrow.label}
                    </span>
                    <ArrowLine arrow={arrow} large={large} />
                  </>
                );
                const open = onArrow && canOpen(arrow);
                return (
                  <div key={arrow.id} className="grid grid-cols-8">
                    {open ? (
                      <button
                        type="button"
                        aria-label={arrowName(arrow)}
                        title={arrowName(arrow)}
                        onClick={() => onArrow(arrow, step)}
                        className="min-w-0 rounded px-0.5 py-0.5 text-left hover:bg-zinc-200/70 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800"
                        style={{ gridColumn: `${start} / ${end}` }}
                      >
                        {body}
                      </button>
                    ) : (
                      <div role="img" aria-label={arrowName(arrow)} title={arrowName(arrow)} className="min-w-0 px-0.5 py-0.5" style={{ gridColumn: `${start} / ${end}` }}>
                        {body}
                      </div>
                    )}
                  </div>
                );
              })}
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
