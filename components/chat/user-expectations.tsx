'use client';

/**
 * Under a user message: its expectations in one line, or, while they are edited, the expectation
 * editor (components/evaluate/expectation-editor.tsx, loaded when first opened: it brings the
 * expectation schemas, which the first paint does without).
 */
import dynamic from 'next/dynamic';
import type { TurnExpectation } from '@/lib/evaluate/types';
import { summarizeExpectation } from '@/lib/store/expectation-summary';
import type { Tool } from '@/lib/wire/chat';

const ExpectationEditor = dynamic(() => import('@/components/evaluate/expectation-editor').then((m) => m.ExpectationEditor), {
  loading: () => <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">Opening the expectations…</p>,
});

/** A user message's expectations: what it should produce, and the way to set them. */
export interface ExpectationControls {
  tools: readonly Tool[];
  /** The calls the turn made, worked out when the editor opens; null while it has no answer yet. */
  made: () => ReadonlyArray<{ name: string; arguments: string }> | null;
  /** Sets them (null: takes them off); false when nothing changed or it cannot now. */
  onSave: (expect: TurnExpectation | null) => boolean;
}

interface Props {
  expect: TurnExpectation | undefined;
  controls: ExpectationControls;
  editing: boolean;
  /** Why nothing can be saved now (a reply streams), or null. */
  busy: string | null;
  onClose: () => void;
}

export function UserExpectations({ expect, controls, editing, busy, onClose }: Props) {
  if (editing) {
    const save = (value: TurnExpectation | null) => {
      controls.onSave(value);
      onClose();
    };
    return (
      <ExpectationEditor
        initial={expect}
        made={controls.made()}
        tools={controls.tools}
        unavailable={busy}
        onSave={save}
        onRemove={expect ? () => save(null) : undefined}
        onCancel={onClose}
      />
    );
  }
  if (!expect) return null;
  const summary = summarizeExpectation(expect);
  return (
    <p className="mt-1 truncate text-[11px] text-zinc-600 dark:text-zinc-400" title={summary}>
      <span className="font-medium">Expected: </span>
      <span className="font-mono">{summary}</span>
    </p>
  );
}
