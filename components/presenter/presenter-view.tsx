'use client';

/**
 * The presenter view: the conversation and its sequence diagram in large type, one step at a time,
 * the editors and the inspector hidden. → or Space: the next step, ←: back, Esc: leave.
 *
 * Live, the steps are the conversation's as it happens (the view follows the newest while it is at the
 * end), and at the last step → answers the next call waiting for a result with the one shown. A
 * replay plays the recorded conversation back from the first step with no model call, each reply
 * streaming at the chosen speed; "From here, live" cuts the conversation at the step shown and goes on
 * with the model for real (Undo in the workbench takes the cut back).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { unansweredCalls } from '@/lib/conversation/reducer';
import { railAt } from '@/lib/demo/rail';
import type { Arrow, DemoStep } from '@/lib/demo/types';
import { composerReason, mainConversation } from '@/lib/store/selectors';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { ConnectedComposer } from '@/components/chat/connected-composer';
import { Badge, Button, fieldClass } from '@/components/ui/controls';
import { PresenterConversation, revealLength } from './presenter-conversation';
import { SequenceDiagram } from './sequence-diagram';
import { StepNotes } from './step-notes';
import { StepRail } from './step-rail';
import { useDemoSteps } from './use-demo-steps';
import { REPLAY_SPEEDS, useReveal, type ReplaySpeed } from './use-reveal';

export type PresenterMode = 'live' | 'replay';

interface Props {
  mode: PresenterMode;
  onMode: (mode: PresenterMode) => void;
  onLeave: () => void;
  /** Leaves for the workbench with this model call open in the inspector. */
  onInspect: (requestId: string) => void;
  /** Copies a link that opens this scenario as a replay. */
  onShareReplay: () => void;
  /** The page's notices (a copied link, an error), shown above the view. */
  notices: React.ReactNode;
}

/** Whether the model is to be called next once the conversation is cut at this step. */
function callsNext(step: DemoStep): boolean {
  const last = step.arrows.at(-1);
  return last?.kind === 'question' || last?.kind === 'request' || last?.kind === 'error' || last?.kind === 'result';
}

/** Whether a key belongs to the field it was pressed in: arrows step on from an empty Message box. */
function keyForField(event: KeyboardEvent): boolean {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'SELECT') return true;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return event.key === ' ' || target.value !== '';
  return false;
}

export function PresenterView({ mode, onMode, onLeave, onInspect, onShareReplay, notices }: Props) {
  const store = usePlaygroundStore();
  const { mainId, entries, name, model, tools, blocked } = usePlayground((s) => {
    const main = mainConversation(s);
    return {
      mainId: main.id,
      entries: main.state.entries,
      name: s.settings.name,
      model: s.settings.model,
      tools: s.tools.lastValid,
      blocked: composerReason(s, main)?.tone === 'error' ? composerReason(s, main)!.text : null,
    };
  });
  const steps = useDemoSteps(mainId);
  const [cursor, setCursor] = useState(() => (mode === 'replay' ? -1 : steps.length - 1));
  const [speed, setSpeed] = useState<ReplaySpeed>('normal');
  /** The step that streams in (a replay moving forward onto a reply). */
  const [arriving, setArriving] = useState<string | null>(null);
  const at = Math.min(cursor, steps.length - 1);
  const step = steps[at] ?? null;

  // Live, the view follows the conversation while it is at its end.
  const followed = useRef(steps.length);
  useEffect(() => {
    if (mode === 'live' && cursor >= followed.current - 1) setCursor(steps.length - 1);
    followed.current = steps.length;
  }, [mode, steps.length, cursor]);

  const arrivingEntry = step && arriving === step.id && step.arrives !== null ? step.arrives : null;
  const reveal = useReveal(arrivingEntry === null ? null : `${step!.id}`, revealLength(arrivingEntry === null ? undefined : entries[arrivingEntry]), speed);
  const pending = unansweredCalls(store.getState().conversations[mainId].state);
  const atEnd = at === steps.length - 1;
  const nextAction = mode === 'live' && atEnd && pending[0] ? `Press → to approve ${pending[0].name} with the result shown.` : null;

  const next = useCallback(() => {
    if (reveal.revealing) return reveal.finish();
    if (at < steps.length - 1) {
      const target = steps[at + 1];
      setCursor(at + 1);
      setArriving(mode === 'replay' && target.arrives !== null ? target.id : null);
      return;
    }
    const waiting = mode === 'live' ? unansweredCalls(store.getState().conversations[mainId].state)[0] : undefined;
    if (waiting?.result) store.getState().approve(mainId, waiting.key);
  }, [at, steps, mode, reveal, store, mainId]);

  const back = useCallback(() => {
    setArriving(null);
    setCursor(Math.max(-1, at - 1));
  }, [at]);

  const goLive = () => {
    if (!step) return;
    const call = callsNext(step);
    if (step.visibleEntries < entries.length || call) store.getState().cutTo(mainId, step.visibleEntries, call);
    setArriving(null);
    followed.current = Number.POSITIVE_INFINITY;
    onMode('live');
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A dialog over the view (a link asking to replace the work) has the keys to itself.
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || document.querySelector('dialog[open]')) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        onLeave();
        return;
      }
      if (keyForField(event)) return;
      const onControl = event.target instanceof HTMLElement && event.target.closest('button, a, [role="button"]');
      if (event.key === 'ArrowRight' || (event.key === ' ' && !onControl)) {
        event.preventDefault();
        next();
      } else if (event.key === 'ArrowLeft') {
        event.preventDefault();
        back();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [next, back, onLeave]);

  const nextButton = useRef<HTMLButtonElement>(null);
  useEffect(() => nextButton.current?.focus(), []);

  // The step shown stays in view in the diagram.
  const diagramBox = useRef<HTMLElement>(null);
  useEffect(() => {
    diagramBox.current?.querySelector('[aria-current="step"]')?.scrollIntoView({ block: 'nearest' });
  }, [step?.id, step?.arrows.length]);

  const turnSteps = useMemo(() => (step ? steps.slice(0, at + 1).filter((s) => s.turn === step.turn) : []), [steps, at, step]);
  const jumpTo = (_arrow: Arrow, target: DemoStep) => {
    setArriving(null);
    setCursor(steps.findIndex((s) => s.id === target.id));
  };
  const shownEntries = step ? entries.slice(0, step.visibleEntries) : [];
  const live = mode === 'live';

  return (
    <div className="flex h-dvh flex-col bg-zinc-50 text-[clamp(16px,1.3vw,26px)] text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100">
      {notices}
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-zinc-200 bg-white px-[1.2em] py-[0.5em] dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="min-w-0 truncate text-[1.1em] font-semibold">{name}</h1>
        <Badge tone={live ? 'success' : 'info'} className="text-[0.7em]">
          {live ? `Live · ${model}` : 'Replay · no model is called'}
        </Badge>
        <div className="ml-auto flex flex-wrap items-center gap-2 text-[0.7em]">
          {live ? null : (
            <>
              <label className="flex items-center gap-2 whitespace-nowrap">
                Replay speed
                <select value={speed} onChange={(e) => setSpeed(e.target.value as ReplaySpeed)} className={`${fieldClass} w-auto`}>
                  {REPLAY_SPEEDS.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </label>
              <Button onClick={goLive} disabled={!step} title="Cut the conversation at this step and ask the model for real from here">
                From here, live
              </Button>
            </>
          )}
          <Button onClick={onShareReplay} disabled={entries.length === 0}>
            Share replay
          </Button>
          <Button onClick={onLeave} aria-keyshortcuts="Escape">
            Leave
          </Button>
        </div>
      </header>
      <div className="border-b border-zinc-200 px-[1.2em] py-[0.5em] dark:border-zinc-800">
        <StepRail rail={railAt(steps, at)} size="large" />
      </div>
      <main className="grid min-h-0 flex-1 grid-cols-1 gap-px bg-zinc-200 md:grid-cols-[minmax(0,1fr)_minmax(0,1.1fr)] dark:bg-zinc-800">
        <section aria-label="Conversation so far" className="flex min-h-0 flex-col bg-zinc-50 dark:bg-zinc-950">
          <div tabIndex={0} className="min-h-0 flex-1 overflow-y-auto px-[1.2em] py-[0.8em]" aria-label="Conversation scroll area">
            <PresenterConversation
              entries={shownEntries}
              reveal={arrivingEntry === null ? null : { index: arrivingEntry, shown: reveal.shown }}
              tools={tools}
              onApprove={live && atEnd ? (key) => store.getState().approve(mainId, key) : undefined}
              onReject={live && atEnd ? (key) => store.getState().reject(mainId, key) : undefined}
            />
          </div>
          {live ? (
            <div className="text-[0.8em]">
              {blocked ? <p className="px-[1.2em] pt-2 text-rose-700 dark:text-rose-300">{blocked} Leave the presenter view to change it.</p> : null}
              <ConnectedComposer large />
            </div>
          ) : null}
        </section>
        <div className="grid min-h-0 grid-rows-[minmax(0,1.2fr)_minmax(0,1fr)] gap-px bg-zinc-200 dark:bg-zinc-800">
          <section ref={diagramBox} aria-label="Diagram of this turn" className="min-h-0 overflow-y-auto bg-white px-[0.8em] py-[0.6em] dark:bg-zinc-900" tabIndex={0}>
            {turnSteps.length ? (
              <SequenceDiagram steps={turnSteps} currentId={step?.id ?? null} onArrow={jumpTo} size="large" />
            ) : (
              <p className="text-zinc-600 dark:text-zinc-400">The diagram draws itself as the steps happen.</p>
            )}
          </section>
          <div className="min-h-0 bg-white px-[1.2em] py-[0.8em] dark:bg-zinc-900">
            <StepNotes step={step} index={at} count={steps.length} onInspect={onInspect} nextAction={nextAction} arriving={reveal.revealing} />
          </div>
        </div>
      </main>
      <footer className="flex items-center gap-3 border-t border-zinc-200 bg-white px-[1.2em] py-[0.4em] text-[0.75em] dark:border-zinc-800 dark:bg-zinc-900">
        <Button onClick={back} disabled={at < 0} aria-keyshortcuts="ArrowLeft">
          ← Back
        </Button>
        <Button ref={nextButton} variant="primary" onClick={next} disabled={atEnd && !reveal.revealing && !nextAction} aria-keyshortcuts="ArrowRight Space">
          Next →
        </Button>
        <span className="text-zinc-600 tabular-nums dark:text-zinc-400" aria-live="polite">
          {steps.length ? `Step ${Math.max(0, at + 1)} of ${steps.length}` : 'No steps yet'}
        </span>
        <span className="ml-auto hidden text-zinc-600 md:inline dark:text-zinc-400">→ or Space: next · ←: back · Esc: leave</span>
      </footer>
    </div>
  );
}
