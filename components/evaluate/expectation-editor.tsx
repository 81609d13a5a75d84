'use client';

/**
 * The expectation editor, under a user message: the calls the turn should produce (function, and per
 * argument a rule), or "No tool call", and optionally what the final answer mentions. Opened on a turn
 * that already has an answer, it starts from what the turn did ("Expect what it did" starts over from
 * it). Save keeps the form open with every problem named at its field when it cannot save; nothing typed
 * is lost. Escape cancels.
 */
import { useId, useState, type FormEvent } from 'react';
import type { TurnExpectation } from '@/lib/evaluate/types';
import type { Tool } from '@/lib/wire/chat';
import {
  callDraftFor,
  draftFromCalls,
  draftFromExpectation,
  expectationFromDraft,
  fieldId,
  type DraftProblem,
  type ExpectationDraft,
} from '@/lib/store/expectation-draft';
import { Button, CrossIcon, fieldClass } from '@/components/ui/controls';
import { ExpectationCallFields } from './expectation-call-fields';

export interface ExpectationEditorProps {
  /** The turn's expectation, if it has one. */
  initial: TurnExpectation | undefined;
  /** The calls the turn made; null while it has no answer yet. */
  made: ReadonlyArray<{ name: string; arguments: string }> | null;
  tools: readonly Tool[];
  /** Why nothing can be saved now (a reply streams): the form stays, Save waits. */
  unavailable: string | null;
  onSave: (expect: TurnExpectation) => void;
  /** Takes the expectation off the turn; absent when it has none. */
  onRemove?: () => void;
  onCancel: () => void;
}

function startingDraft({ initial, made, tools }: Pick<ExpectationEditorProps, 'initial' | 'made' | 'tools'>): ExpectationDraft {
  if (initial) return draftFromExpectation(initial);
  if (made) return draftFromCalls(made);
  const first = tools[0]?.function.name;
  return { noCall: false, calls: first ? [callDraftFor(first, tools)] : [], mentions: [] };
}

export function ExpectationEditor(props: ExpectationEditorProps) {
  const { made, tools, unavailable, onSave, onRemove, onCancel } = props;
  const [draft, setDraft] = useState(() => startingDraft(props));
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const prefix = useId();
  const id = (field: string) => `${prefix}-${field}`;
  const names = tools.map((tool) => tool.function.name);
  const byField = new Map(problems.map((p) => [p.field, p.message]));
  const change = (next: ExpectationDraft) => {
    setDraft(next);
    // A problem goes once its field has been touched again; the rest stay until the next Save.
    if (problems.length) setProblems([]);
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (unavailable) return;
    const result = expectationFromDraft(draft);
    if (result.ok) return onSave(result.expect);
    setProblems(result.problems);
    requestAnimationFrame(() => document.getElementById(id(result.problems[0].field))?.focus());
  };

  return (
    <form
      aria-label="Expectations for this turn"
      onSubmit={save}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onCancel();
        }
      }}
      className="mt-2 space-y-2 rounded-lg bg-zinc-50 p-2.5 text-xs ring-1 ring-indigo-200 dark:bg-zinc-900 dark:ring-indigo-900"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-semibold text-zinc-800 dark:text-zinc-200">Expect</span>
        <label className="flex items-center gap-1 text-zinc-700 dark:text-zinc-300">
          <input type="radio" name={id('mode')} checked={!draft.noCall} onChange={() => change({ ...draft, noCall: false })} />
          these calls
        </label>
        <label className="flex items-center gap-1 text-zinc-700 dark:text-zinc-300">
          <input type="radio" name={id('mode')} checked={draft.noCall} onChange={() => change({ ...draft, noCall: true })} />
          No tool call
        </label>
        {!draft.noCall ? <span className="text-[11px] text-zinc-500 dark:text-zinc-400">Parallel calls match in any order.</span> : null}
        {made ? (
          <button
            type="button"
            onClick={() => change({ ...draftFromCalls(made), mentions: draft.mentions })}
            className="ml-auto font-medium text-indigo-700 hover:underline dark:text-indigo-300"
          >
            Expect what it did
          </button>
        ) : null}
      </div>

      {draft.noCall ? null : (
        <>
          {draft.calls.map((call, index) => (
            <ExpectationCallFields
              key={call.id}
              call={call}
              number={index + 1}
              functionNames={names}
              prefix={prefix}
              problems={byField}
              onChange={(next) => change({ ...draft, calls: draft.calls.map((c) => (c.id === call.id ? next : c)) })}
              onFunction={(name) => change({ ...draft, calls: draft.calls.map((c) => (c.id === call.id ? { ...callDraftFor(name, tools), id: c.id } : c)) })}
              onRemove={() => change({ ...draft, calls: draft.calls.filter((c) => c.id !== call.id) })}
            />
          ))}
          <button
            type="button"
            id={id('add-call')}
            onClick={() => change({ ...draft, calls: [...draft.calls, callDraftFor(names[0] ?? '', tools)] })}
            className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
          >
            Add call
          </button>
        </>
      )}

      <div className="space-y-1">
        {draft.mentions.map((text, index) => (
          <div key={index} className="flex items-center gap-1.5">
            <label htmlFor={id(fieldId.mention(index))} className="shrink-0 text-zinc-600 dark:text-zinc-400">
              The final answer mentions
            </label>
            <input
              id={id(fieldId.mention(index))}
              value={text}
              onChange={(event) => change({ ...draft, mentions: draft.mentions.map((m, i) => (i === index ? event.target.value : m)) })}
              aria-invalid={byField.has(fieldId.mention(index)) || undefined}
              className={`${fieldClass} !px-2 !py-1 !text-xs`}
            />
            <button
              type="button"
              aria-label={`Remove mention ${index + 1}`}
              title="Remove this mention"
              onClick={() => change({ ...draft, mentions: draft.mentions.filter((_, i) => i !== index) })}
              className="inline-flex size-6 shrink-0 items-center justify-center rounded text-zinc-500 hover:bg-zinc-100 hover:text-rose-700 dark:text-zinc-400 dark:hover:bg-zinc-800"
            >
              <CrossIcon className="size-3" />
            </button>
          </div>
        ))}
        <button type="button" onClick={() => change({ ...draft, mentions: [...draft.mentions, ''] })} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          {draft.mentions.length ? 'Add another mention' : 'The final answer mentions …'}
        </button>
      </div>

      {problems.length ? (
        <div role="alert" className="rounded-md bg-rose-50 px-2 py-1.5 text-rose-800 ring-1 ring-rose-200 dark:bg-rose-950/40 dark:text-rose-200 dark:ring-rose-900">
          <p className="font-medium">Not saved yet: {problems.length === 1 ? 'one thing to fix' : `${problems.length} things to fix`}.</p>
          <ul className="mt-0.5 list-disc pl-4">
            {problems.map((p) => (
              <li key={`${p.field}:${p.message}`}>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="flex flex-wrap items-center gap-2 border-t border-zinc-200 pt-2 dark:border-zinc-800">
        <Button type="submit" size="sm" variant="primary" aria-disabled={unavailable ? true : undefined}>
          Save
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        {onRemove ? (
          <Button size="sm" variant="ghost" onClick={onRemove} className="text-rose-700 dark:text-rose-300">
            Remove expectations
          </Button>
        ) : null}
        <span className="ml-auto text-[11px] text-zinc-500 dark:text-zinc-400">{unavailable ? `Saving waits: ${unavailable}.` : 'Esc: cancel'}</span>
      </div>
    </form>
  );
}
