'use client';

/**
 * What happens at the step shown, in plain words (lib/demo/notes.ts), and what its arrows carry as
 * pretty JSON, with a way to open the model call in the inspector.
 */
import type { Arrow, DemoStep } from '@/lib/demo/types';
import { Button } from '@/components/ui/controls';
import { arrowName } from './sequence-diagram';

interface Props {
  step: DemoStep | null;
  index: number;
  count: number;
  /** Leaves the presenter view for the inspector, that call open. */
  onInspect: (requestId: string) => void;
  /** Live, at the last step: what → does now (approve the next call), in words; null: nothing. */
  nextAction: string | null;
  /** The step's reply is still streaming in (a replay): what it carries shows once it has arrived. */
  arriving?: boolean;
}

function carried(arrow: Arrow): boolean {
  return arrow.detail !== null && arrow.detail !== '' && arrow.kind !== 'shown';
}

export function StepNotes({ step, index, count, onInspect, nextAction, arriving = false }: Props) {
  const requestId = step?.arrows.find((arrow) => arrow.requestId)?.requestId ?? null;
  return (
    <section aria-labelledby="presenter-step-title" className="flex min-h-0 flex-col">
      <h2 id="presenter-step-title" className="text-[1.15em] font-semibold text-zinc-900 dark:text-zinc-50">
        {step ? (
          <>
            <span className="text-zinc-600 dark:text-zinc-400">
              Step {index + 1} of {count} ·{' '}
            </span>
            {step.rail}. {step.title}
          </>
        ) : (
          'Press → to begin'
        )}
      </h2>
      <div className="mt-[0.4em] min-h-0 flex-1 space-y-[0.6em] overflow-y-auto pr-1">
        {step ? (
          <ul className="list-disc space-y-[0.3em] pl-[1.2em] text-zinc-800 dark:text-zinc-200">
            {step.notes.map((note, i) => (
              <li key={i}>{note}</li>
            ))}
            {nextAction ? <li className="font-medium text-indigo-800 dark:text-indigo-300">{nextAction}</li> : null}
          </ul>
        ) : (
          <p className="text-zinc-700 dark:text-zinc-300">
            Each step draws one exchange between the person, the app, the model and the tool: → or Space for the next step, ← to go back, Esc to leave.
          </p>
        )}
        {arriving ? null : step?.arrows.filter(carried).map((arrow) => (
          <figure key={arrow.id}>
            <figcaption className="text-[0.8em] font-medium text-zinc-600 dark:text-zinc-400">{arrowName(arrow)}</figcaption>
            <pre tabIndex={0} className="mt-[0.2em] max-h-[16em] overflow-auto rounded-lg bg-zinc-900 px-[0.8em] py-[0.6em] font-mono text-[0.8em] leading-snug whitespace-pre-wrap text-zinc-50 dark:bg-black">
              {arrow.detail}
            </pre>
          </figure>
        ))}
        {requestId ? (
          <Button size="sm" variant="ghost" onClick={() => onInspect(requestId)}>
            Open this call in the inspector
          </Button>
        ) : null}
      </div>
    </section>
  );
}
