'use client';

/**
 * One message of the conversation as an `<article>` named by its role ("User", "Assistant", "Tool"),
 * the way the page's tests and screen readers find it. Texts are shown by FoldedText: in blocks, and
 * folded past LONG_TEXT_CHARS (components/ui/long-text.ts), so no message can freeze the page.
 */
import type { ReactNode } from 'react';
import type { Tool } from '@/lib/wire/chat';
import { contentText } from '@/lib/wire/chat-constants';
import { own } from '@/lib/util/json';
import type { AssistantEntry, Entry, ToolCallCard as Card } from '@/lib/conversation/reducer';
import { ToolCallCard } from './tool-call-card';
import { Badge } from '@/components/ui/controls';
import { FoldedText } from '@/components/ui/folded-text';

type Role = 'User' | 'Assistant' | 'Tool' | 'Developer' | 'System message';

const DOT: Record<Role, string> = {
  User: 'bg-sky-500',
  Assistant: 'bg-indigo-500',
  Tool: 'bg-emerald-500',
  Developer: 'bg-zinc-400',
  'System message': 'bg-zinc-400',
};

function Shell({ role, meta, children }: { role: Role; meta?: ReactNode; children: ReactNode }) {
  return (
    <article aria-label={role} className="group">
      <header className="mb-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
        <span aria-hidden className={`size-1.5 rounded-full ${DOT[role]}`} />
        <span className="font-semibold text-zinc-800 dark:text-zinc-200">{role}</span>
        {meta}
      </header>
      <div className="pl-3.5">{children}</div>
    </article>
  );
}

export function UserArticle({ entry }: { entry: Extract<Entry, { kind: 'user' }> }) {
  return (
    <Shell role="User">
      <FoldedText
        text={contentText(entry.content)}
        className="rounded-lg bg-sky-50 px-3 py-2 text-sm leading-relaxed whitespace-pre-wrap text-zinc-900 ring-1 ring-sky-100 dark:bg-sky-950/30 dark:text-zinc-100 dark:ring-sky-900/50"
      />
    </Shell>
  );
}

export function OtherArticle({ entry }: { entry: Extract<Entry, { kind: 'other' }> }) {
  return (
    <Shell role={entry.message.role === 'developer' ? 'Developer' : 'System message'}>
      <FoldedText as="p" text={contentText(entry.message.content)} className="text-sm whitespace-pre-wrap text-zinc-600 dark:text-zinc-400" />
    </Shell>
  );
}

export function ToolArticle({ entry, call }: { entry: Extract<Entry, { kind: 'tool' }>; call: Card | undefined }) {
  const outcome = call?.state === 'rejected' ? <Badge tone="danger">Rejected</Badge> : call?.state === 'approved' ? <Badge tone="success">Approved</Badge> : null;
  return (
    <Shell
      role="Tool"
      meta={
        <>
          <span className="font-mono text-zinc-600 dark:text-zinc-400">{call?.name ?? 'result'}</span>
          <span className="font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{entry.toolCallId}</span>
          {outcome}
        </>
      }
    >
      <FoldedText
        as="pre"
        scrolls
        text={entry.content || '(empty result)'}
        className={`max-h-48 overflow-auto rounded-lg px-3 py-2 font-mono text-xs leading-relaxed whitespace-pre-wrap text-zinc-800 ring-1 dark:text-zinc-200 ${
          call?.state === 'rejected'
            ? 'bg-rose-50/50 ring-rose-100 dark:bg-rose-950/20 dark:ring-rose-900/40'
            : 'bg-emerald-50/60 ring-emerald-100 dark:bg-emerald-950/20 dark:ring-emerald-900/40'
        }`}
      />
    </Shell>
  );
}

interface AssistantProps {
  entry: AssistantEntry;
  model: string | null;
  tools: readonly Tool[] | null;
  /** Function name → result schema text (the scenario's `result_schemas`). */
  resultSchemas: Readonly<Record<string, string>>;
  onEdit: (key: string, text: string) => void;
  onApprove: (key: string) => void;
  onReject: (key: string) => void;
  /** The id of a call's Result box, so that focus can move to the next call waiting for one. */
  resultId: (key: string) => string;
}

export function AssistantArticle({ entry, model, tools, resultSchemas, onEdit, onApprove, onReject, resultId }: AssistantProps) {
  const streaming = entry.status === 'streaming';
  const empty = !entry.content && !entry.refusal && entry.toolCalls.length === 0;
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

  return (
    <Shell
      role="Assistant"
      meta={
        <>
          {model ? <span className="font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{model}</span> : null}
          {calls ? <span className="text-zinc-500 dark:text-zinc-400">{calls === 1 ? 'called 1 tool' : `called ${calls} tools`}</span> : null}
          {status}
        </>
      }
    >
      {entry.content || (streaming && calls === 0) ? (
        <FoldedText
          text={entry.content ?? ''}
          className={`text-sm leading-relaxed whitespace-pre-wrap text-zinc-900 dark:text-zinc-100 ${
            entry.status === 'incomplete' || entry.status === 'stopped' ? 'opacity-80' : ''
          }`}
          endClassName={streaming && calls === 0 ? 'streaming-caret' : ''}
        />
      ) : null}
      {entry.refusal ? <p className="mt-1 text-sm text-rose-700 dark:text-rose-300">Refused: {entry.refusal}</p> : null}
      {empty && !streaming ? <p className="text-sm text-zinc-500 italic dark:text-zinc-400">The model returned an empty reply.</p> : null}
      {calls ? (
        <div className={`grid gap-2.5 ${entry.content ? 'mt-2.5' : ''}`}>
          {entry.toolCalls.map((card) => (
            <ToolCallCard
              key={card.key}
              card={card}
              tools={tools}
              resultSchema={own(resultSchemas, card.name)}
              resultId={resultId(card.key)}
              onEdit={(text) => onEdit(card.key, text)}
              onApprove={() => onApprove(card.key)}
              onReject={() => onReject(card.key)}
            />
          ))}
        </div>
      ) : null}
    </Shell>
  );
}
