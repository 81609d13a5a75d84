'use client';

/**
 * Above the conversation: the step rail of the turn as it happens, the sequence diagram of the whole
 * conversation behind "Diagram" (its arrows open their model call in the inspector), and "Present" and
 * "Replay", which open the presenter view of this conversation. (Comparing, the columns show instead:
 * the presenter view presents one conversation.)
 */
import { useEffect, useId, useRef, useState } from 'react';
import { railAt } from '@/lib/demo/rail';
import { Button } from '@/components/ui/controls';
import { SequenceDiagram } from './sequence-diagram';
import { StepRail } from './step-rail';
import { useDemoSteps } from './use-demo-steps';

/** The id of "Present": focus returns there when the presenter view closes. */
export const PRESENT_BUTTON_ID = 'present-button';

export interface DemoActions {
  /** Opens a model call in the inspector. */
  onInspectCall: (requestId: string) => void;
  onPresent: () => void;
  /** null: nothing to replay (no conversation, or a reply streams). */
  onReplay: (() => void) | null;
}

export function DemoBar({ conversationId, onInspectCall, onPresent, onReplay }: { conversationId: string } & DemoActions) {
  const steps = useDemoSteps(conversationId);
  const [open, setOpen] = useState(false);
  const id = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const last = steps.at(-1)?.id ?? null;
  useEffect(() => {
    if (open && scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  }, [open, last]);
  return (
    <div className="border-b border-zinc-200 bg-white/70 px-3 py-1.5 dark:border-zinc-800 dark:bg-zinc-900/60">
      <div className="flex items-center gap-2">
        <div className="min-w-0 flex-1">
          <StepRail rail={railAt(steps)} />
        </div>
        <Button size="sm" variant="ghost" aria-expanded={open} aria-controls={id} onClick={() => setOpen((value) => !value)}>
          Diagram
        </Button>
        <Button size="sm" variant="ghost" id={PRESENT_BUTTON_ID} onClick={onPresent} title="The conversation and its diagram in large type, step by step (→, ←, Esc)">
          Present
        </Button>
        <Button size="sm" variant="ghost" onClick={() => onReplay?.()} disabled={!onReplay} title="Play the conversation back step by step, with no model call">
          Replay
        </Button>
      </div>
      {open ? (
        <div id={id} ref={scroller} role="region" aria-label="Sequence diagram of the conversation" tabIndex={0} className="mt-1.5 max-h-[38vh] overflow-y-auto rounded-md bg-white dark:bg-zinc-900">
          {steps.length ? (
            <SequenceDiagram steps={steps} currentId={last} onArrow={(arrow) => arrow.requestId && onInspectCall(arrow.requestId)} canOpen={(arrow) => arrow.requestId !== null} />
          ) : (
            <p className="p-2 text-xs text-zinc-600 dark:text-zinc-400">Send a message: each request and response draws here as an arrow between the person, the app, the model and the tool.</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
