'use client';

/**
 * One message of the conversation as an `<article>` named by its role ("User", "Assistant", "Tool"),
 * the way the page's tests and screen readers find it. Texts are shown by FoldedText: in blocks, and
 * folded past LONG_TEXT_CHARS (components/ui/long-text.ts), so no message can freeze the page.
 *
 * Each message has its toolbar (message-actions.tsx): Edit message (in place, Save / Cancel), Run from
 * here, Fork from here, Delete message, and on an answer Regenerate, with "‹ 2 / 3 ›" when Regenerate
 * kept other answers there; on a user message Expectations, which opens the expectation editor under it
 * (components/evaluate/expectation-editor.tsx) and, closed, shows them in one line. Each tool call has
 * its own: Edit arguments, Edit result, Delete call; its card and the turn's last answer show what the
 * expectations say (expectation-verdict.tsx). What they do is the store's (lib/store/playground-store.ts);
 * the conversation log wires them.
 */
import { useState, type ReactNode } from 'react';
import type { ResponseFormat, Tool } from '@/lib/wire/chat';
import { contentText } from '@/lib/wire/chat-constants';
import { own } from '@/lib/util/json';
import { editableText, type AssistantEntry, type Entry, type ToolCallCard as Card } from '@/lib/conversation/reducer';
import { EditableCall, type CallControls } from './editable-call';
import { focusSoon } from './ids';
import { TurnVerdict } from './expectation-verdict';
import { UserExpectations, type ExpectationControls } from './user-expectations';
import type { ShownVerdict } from '@/lib/store/expectation-checks';
import { AnswerPager, ICONS, InlineEditor, MessageToolbar, REVEAL, useArmed, type MessageAction } from './message-actions';
import { Badge } from '@/components/ui/controls';
import { FoldedText } from '@/components/ui/folded-text';
import { ReasoningFold, ResponseFormatVerdict } from './answer-extras';

type Role = 'User' | 'Assistant' | 'Tool' | 'Developer' | 'System message';

const DOT: Record<Role, string> = {
  User: 'bg-sky-500',
  Assistant: 'bg-indigo-500',
  Tool: 'bg-emerald-500',
  Developer: 'bg-zinc-400',
  'System message': 'bg-zinc-400',
};

/** What a message can do, from the conversation log. */
export interface MessageControls {
  /** The article's id: focus comes back to it (and to its buttons, `${id}-…`). */
  id: string;
  /** Why nothing can change now (a reply streams), or null. */
  busy: string | null;
  onEdit: (text: string, run: boolean) => void;
  onDelete: () => void;
  onRun: () => void;
  onFork: () => void;
  /** Why Run from here cannot run from this message, or null. */
  runProblem: string | null;
}

export interface AnswerControls extends MessageControls {
  onRegenerate: () => void;
  regenerateProblem: string | null;
  /** The answers kept at this place, when Regenerate kept some. */
  pager: { index: number; count: number; onShow: (index: number) => void; id: string } | null;
  /** Each call's own controls. */
  call: (card: Card) => CallControls;
  /** What the turn's expectations say: of the turn, when this reply is its last; of each call. */
  expectation?: { turn: (ShownVerdict & { finished: boolean }) | undefined; call: (card: Card) => ShownVerdict | undefined };
}




interface ShellProps {
  role: Role;
  id?: string;
  meta?: ReactNode;
  tools?: ReactNode;
  /** The message's toolbar alone (no wrapper: a long conversation has one per message). */
  toolbar?: ReactNode;
  /** Builds the message's toolbars in full when it is pointed at or focused (message-actions.tsx `useArmed`). */
  arm?: ReturnType<typeof useArmed>['arm'];
  children: ReactNode;
}

function Shell({ role, id, meta, tools, toolbar, arm, children }: ShellProps) {
  return (
    <article aria-label={role} id={id} tabIndex={id ? -1 : undefined} {...arm} className="group/msg scroll-mt-4 rounded-md focus:outline-none focus-visible:outline-2">
      <header className="mb-1.5 flex min-h-7 flex-wrap items-center gap-x-2 gap-y-1 text-xs">
        <span aria-hidden className={`size-1.5 rounded-full ${DOT[role]}`} />
        <span className="font-semibold text-zinc-800 dark:text-zinc-200">{role}</span>
        {meta}
        {tools ? <div className="ml-auto flex items-center gap-1.5">{tools}</div> : null}
        {toolbar}
      </header>
      <div className="pl-3.5">{children}</div>
    </article>
  );
}

/** The toolbar every message has; `extra` goes after Edit (Regenerate, on an answer), `last` before Delete (Expectations, on a user message). */
function messageActions(controls: MessageControls, startEdit: () => void, extra: MessageAction[] = [], last: MessageAction[] = []): MessageAction[] {
  const busy = controls.busy;
  return [
    { label: 'Edit message', icon: ICONS.edit, onClick: startEdit, unavailable: busy, id: `${controls.id}-edit` },
    ...extra,
    { label: 'Run from here', icon: ICONS.run, onClick: controls.onRun, unavailable: busy ?? controls.runProblem, id: `${controls.id}-run` },
    { label: 'Fork from here', icon: ICONS.fork, onClick: controls.onFork, unavailable: busy },
    ...last,
    { label: 'Delete message', icon: ICONS.delete, onClick: controls.onDelete, unavailable: busy, tone: 'danger' },
  ];
}

/** Editing state of one text: starts the editor, and on its way out puts focus back on Edit; and the toolbars' arming. */
function useEditing(controls: MessageControls) {
  const [editing, setEditing] = useState(false);
  const { armed, arm } = useArmed();
  const stop = () => {
    setEditing(false);
    focusSoon(`${controls.id}-edit`);
  };
  return { editing, start: () => setEditing(true), stop, armed, arm };
}

/** A message's text in its editor: Save keeps it; with `run`, "Save and run" also runs the model from it. */
function MessageTextEditor({
  entry,
  controls,
  edit,
  run = false,
  mono,
  problem,
}: {
  entry: Entry;
  controls: MessageControls;
  edit: ReturnType<typeof useEditing>;
  run?: boolean;
  mono?: boolean;
  problem?: (text: string) => string | null;
}) {
  const saved = (then: boolean) => (text: string) => {
    controls.onEdit(text, then);
    edit.stop();
  };
  return (
    <InlineEditor
      unavailable={controls.busy}
      initial={editableText(entry)}
      label="Message text"
      mono={mono}
      primary={run ? { label: 'Save and run', onClick: saved(true) } : undefined}
      onSave={saved(false)}
      onCancel={edit.stop}
      problem={problem}
    />
  );
}

function toolbar(label: string, actions: MessageAction[], armed: boolean) {
  return <MessageToolbar label={label} actions={actions} className={`ml-auto ${REVEAL}`} armed={armed} />;
}

export function UserArticle({ entry, controls, expectation }: { entry: Extract<Entry, { kind: 'user' }>; controls: MessageControls; expectation?: ExpectationControls }) {
  const edit = useEditing(controls);
  const [expecting, setExpecting] = useState(false);
  const stopExpecting = () => {
    setExpecting(false);
    focusSoon(`${controls.id}-expect`);
  };
  const expect: MessageAction[] = expectation
    ? [{ label: 'Expectations', icon: ICONS.expect, onClick: () => setExpecting(true), id: `${controls.id}-expect` }]
    : [];
  return (
    <Shell role="User" id={controls.id} arm={edit.arm} toolbar={edit.editing ? null : toolbar('Actions for your message', messageActions(controls, edit.start, [], expect), edit.armed)}>
      {edit.editing ? (
        <MessageTextEditor entry={entry} controls={controls} edit={edit} run problem={(text) => (text.trim() ? null : 'A message needs some text (or Delete it).')} />
      ) : (
        <FoldedText
          text={contentText(entry.content)}
          className="rounded-lg bg-sky-50 px-3 py-2 text-sm leading-relaxed whitespace-pre-wrap text-zinc-900 ring-1 ring-sky-100 dark:bg-sky-950/30 dark:text-zinc-100 dark:ring-sky-900/50"
        />
      )}
      {expectation ? <UserExpectations expect={entry.expect} controls={expectation} editing={expecting} busy={controls.busy} onClose={stopExpecting} /> : null}
    </Shell>
  );
}

export function OtherArticle({ entry, controls }: { entry: Extract<Entry, { kind: 'other' }>; controls: MessageControls }) {
  const edit = useEditing(controls);
  const role = entry.message.role === 'developer' ? 'Developer' : 'System message';
  return (
    <Shell
      role={role}
      id={controls.id}
      arm={edit.arm}
      toolbar={edit.editing ? null : toolbar(`Actions for the ${role.toLowerCase()}`, messageActions(controls, edit.start), edit.armed)}
    >
      {edit.editing ? (
        <MessageTextEditor entry={entry} controls={controls} edit={edit} />
      ) : (
        <FoldedText as="p" text={contentText(entry.message.content)} className="text-sm whitespace-pre-wrap text-zinc-600 dark:text-zinc-400" />
      )}
    </Shell>
  );
}

/**
 * A tool message shown as a message of its own: one that no call in the conversation made, or a second
 * result for a call (a call's result shows in its card, once).
 */
export function ToolArticle({ entry, call, controls }: { entry: Extract<Entry, { kind: 'tool' }>; call: Card | undefined; controls: MessageControls }) {
  const edit = useEditing(controls);
  return (
    <Shell
      role="Tool"
      id={controls.id}
      arm={edit.arm}
      meta={
        <>
          <span className="font-mono text-zinc-600 dark:text-zinc-400">{call?.name || 'result'}</span>
          <span className="font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{entry.toolCallId}</span>
          <span className="text-zinc-500 dark:text-zinc-400">{call ? 'another result for this call' : 'no call with this id in the conversation'}</span>
        </>
      }
      toolbar={edit.editing ? null : toolbar('Actions for the tool result', messageActions(controls, edit.start), edit.armed)}
    >
      {edit.editing ? (
        <MessageTextEditor entry={entry} controls={controls} edit={edit} mono />
      ) : (
        <FoldedText
          as="pre"
          scrolls
          text={entry.content || '(empty result)'}
          className="max-h-48 overflow-auto rounded-lg bg-emerald-50/60 px-3 py-2 font-mono text-xs leading-relaxed whitespace-pre-wrap text-zinc-800 ring-1 ring-emerald-100 dark:bg-emerald-950/20 dark:text-zinc-200 dark:ring-emerald-900/40"
        />
      )}
    </Shell>
  );
}

interface AssistantProps {
  entry: AssistantEntry;
  model: string | null;
  tools: readonly Tool[] | null;
  /** Function name → result schema text (the scenario's `result_schemas`). */
  resultSchemas: Readonly<Record<string, string>>;
  /** What the call that made this answer asked for (checked once the answer is done). */
  responseFormat?: ResponseFormat;
  onEdit: (key: string, text: string) => void;
  onApprove: (key: string) => void;
  onReject: (key: string) => void;
  /** The id of a call's Result box, so that focus can move to the next call waiting for one. */
  resultId: (key: string) => string;
  controls: AnswerControls;
}

export function AssistantArticle({ entry, model, tools, resultSchemas, responseFormat, onEdit, onApprove, onReject, resultId, controls }: AssistantProps) {
  const streaming = entry.status === 'streaming';
  const empty = !entry.content && !entry.refusal && entry.toolCalls.length === 0;
  const edit = useEditing(controls);
  const status =
    entry.status === 'incomplete' ? (
      <Badge tone="danger">Incomplete — cut off</Badge>
    ) : entry.status === 'stopped' ? (
      <Badge tone="neutral">Stopped</Badge>
    ) : streaming ? (
      <Badge tone="info">Streaming…</Badge>
    ) : entry.finishReason === 'length' ? (
      <Badge tone="warning">Hit max tokens</Badge>
    ) : null;
  const calls = entry.toolCalls.length;
  const regenerate: MessageAction = {
    label: 'Regenerate',
    icon: ICONS.regenerate,
    onClick: controls.onRegenerate,
    unavailable: controls.busy ?? controls.regenerateProblem,
    id: `${controls.id}-regenerate`,
  };
  const pager = controls.pager ? <AnswerPager {...controls.pager} unavailable={controls.busy} /> : null;
  const actions = streaming || edit.editing ? null : toolbar('Actions for the answer', messageActions(controls, edit.start, [regenerate]), edit.armed);

  return (
    <Shell
      role="Assistant"
      id={controls.id}
      arm={edit.arm}
      meta={
        <>
          {model ? <span className="font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{model}</span> : null}
          {calls ? <span className="text-zinc-500 dark:text-zinc-400">{calls === 1 ? 'called 1 tool' : `called ${calls} tools`}</span> : null}
          {status}
        </>
      }
      tools={pager ? <>{actions}{pager}</> : null}
      toolbar={pager ? null : actions}
    >
      {entry.reasoning ? <ReasoningFold text={entry.reasoning} streaming={streaming && !entry.content && calls === 0} /> : null}
      {edit.editing ? (
        <div className={calls ? 'mb-2.5' : ''}>
          <MessageTextEditor
            entry={entry}
            controls={controls}
            edit={edit}
            problem={(text) => (text === '' && !calls && !entry.refusal ? 'An answer needs some text (or Delete it).' : null)}
          />
        </div>
      ) : entry.content || (streaming && calls === 0) ? (
        <FoldedText
          text={entry.content ?? ''}
          className={`text-sm leading-relaxed whitespace-pre-wrap text-zinc-900 dark:text-zinc-100 ${
            entry.status === 'incomplete' || entry.status === 'stopped' ? 'opacity-80' : ''
          }`}
          endClassName={streaming && calls === 0 ? 'streaming-caret' : ''}
        />
      ) : null}
      {entry.refusal ? <p className="mt-1 text-sm text-rose-700 dark:text-rose-300">Refused: {entry.refusal}</p> : null}
      {entry.status === 'done' && !calls && !edit.editing ? <ResponseFormatVerdict content={entry.content} format={responseFormat} /> : null}
      {empty && !streaming && !edit.editing ? <p className="text-sm text-zinc-500 italic dark:text-zinc-400">The model returned an empty reply.</p> : null}
      {calls ? (
        <div className={`grid gap-2.5 ${entry.content && !edit.editing ? 'mt-2.5' : ''}`}>
          {entry.toolCalls.map((card) => (
            <EditableCall
              key={card.key}
              card={card}
              tools={tools}
              resultSchema={own(resultSchemas, card.name)}
              resultId={resultId(card.key)}
              onEdit={(text) => onEdit(card.key, text)}
              onApprove={() => onApprove(card.key)}
              onReject={() => onReject(card.key)}
              busy={controls.busy}
              controls={controls.call(card)}
              id={`${controls.id}-${card.index}`}
              armed={edit.armed}
              expectation={controls.expectation?.call(card)}
            />
          ))}
        </div>
      ) : null}
      {controls.expectation?.turn ? <TurnVerdict verdict={controls.expectation.turn} /> : null}
    </Shell>
  );
}

/** The pager of a place where no answer is shown now (its answer was deleted, or the regenerated one failed). */
export function StandalonePager({ pager, busy }: { pager: NonNullable<AnswerControls['pager']>; busy: string | null }) {
  return (
    <div className="flex items-center gap-2 pl-3.5 text-xs text-zinc-500 dark:text-zinc-400">
      <AnswerPager {...pager} unavailable={busy} />
      <span>Other answers were kept here.</span>
    </div>
  );
}
