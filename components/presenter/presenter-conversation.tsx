'use client';

/**
 * The conversation as the presenter view shows it: large type, the arguments and results as pretty
 * JSON, each call's check against its tool's schema. Only the entries the step has reached are shown;
 * the one arriving at this step can be played back as a stream. Live, a call waiting for its result
 * offers Approve (with the result shown) and Reject.
 */
import { useEffect, useRef } from 'react';
import { declinedResult, type Entry, type ToolCallCard } from '@/lib/conversation/state';
import { prettyJson } from '@/lib/demo/text';
import { contentText } from '@/lib/wire/chat-constants';
import type { Tool } from '@/lib/wire/chat';
import { Button } from '@/components/ui/controls';
import { useArgumentsCheck } from '@/components/chat/use-arguments-check';
import { revealParts } from './use-reveal';

interface Props {
  entries: readonly Entry[];
  /** The entry streaming in (a replay), and how many of its characters are shown. */
  reveal: { index: number; shown: number } | null;
  tools: readonly Tool[];
  /** Live: the calls waiting for a result can be approved or rejected here. */
  onApprove?: (callKey: string) => void;
  onReject?: (callKey: string) => void;
}

const article = 'rounded-xl px-[1em] py-[0.7em] shadow-xs ring-1';
const roleLabel = 'mb-1 block text-[0.72em] font-semibold tracking-wide uppercase';
const mutedLabel = `${roleLabel} text-zinc-600 dark:text-zinc-400`;
const pre = 'overflow-x-auto rounded-lg bg-zinc-900 px-[0.8em] py-[0.6em] font-mono text-[0.82em] leading-snug whitespace-pre-wrap text-zinc-50 dark:bg-black';

/** The parts of an assistant entry a replay streams, in order: its text, then each call's arguments. */
export function assistantParts(entry: Extract<Entry, { kind: 'assistant' }>): string[] {
  return [entry.content ?? '', ...entry.toolCalls.map((card) => prettyJson(card.arguments))];
}

export function revealLength(entry: Entry | undefined): number {
  return entry?.kind === 'assistant' ? assistantParts(entry).reduce((sum, part) => sum + part.length, 0) : 0;
}

function Verdict({ tools, card }: { tools: readonly Tool[]; card: ToolCallCard }) {
  const check = useArgumentsCheck(tools, card.name, card.arguments, card.state !== 'streaming');
  if (!check || check === 'checking') return <p className="text-[0.8em] text-zinc-600 dark:text-zinc-400">Checking the arguments against the schema…</p>;
  return (
    <p className={`text-[0.8em] font-medium ${check.ok ? 'text-emerald-800 dark:text-emerald-300' : 'text-rose-700 dark:text-rose-300'}`}>
      {check.ok ? '✓' : '✗'} {check.summary}
    </p>
  );
}

function CallCard({ card, args, complete, tools, onApprove, onReject }: { card: ToolCallCard; args: string; complete: boolean; tools: readonly Tool[] } & Pick<Props, 'onApprove' | 'onReject'>) {
  const waiting = card.state === 'awaiting-result';
  return (
    <div className="mt-[0.5em] rounded-lg border border-violet-300 bg-violet-50/60 p-[0.6em] dark:border-violet-800 dark:bg-violet-950/30">
      <p className="font-mono text-[0.9em] font-semibold text-violet-800 dark:text-violet-300">
        tool_call: {card.name}
        <span className="ml-2 font-normal text-zinc-600 dark:text-zinc-400">{card.id}</span>
      </p>
      <pre className={`${pre} mt-[0.3em]`}>{args}</pre>
      {complete ? <Verdict tools={tools} card={card} /> : null}
      {waiting && onApprove && complete ? (
        <div className="mt-[0.5em] space-y-[0.4em]">
          <p className="text-[0.8em] text-zinc-700 dark:text-zinc-300">Result to send back (from the mock; edit it in the workbench):</p>
          <pre className={pre}>{card.result ? prettyJson(card.result) : '(empty)'}</pre>
          <div className="flex gap-2">
            <Button variant="approve" onClick={() => onApprove(card.key)} disabled={!card.result}>
              Approve
            </Button>
            <Button variant="reject" onClick={() => onReject?.(card.key)}>
              Reject
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

export function PresenterConversation({ entries, reveal, tools, onApprove, onReject }: Props) {
  const end = useRef<HTMLDivElement>(null);
  const names = new Map<string, string>();
  for (const entry of entries) if (entry.kind === 'assistant') for (const card of entry.toolCalls) names.set(card.id, card.name);
  const last = entries.at(-1);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end', behavior: 'instant' as ScrollBehavior });
  }, [last, reveal?.shown]);

  return (
    <div role="log" aria-label="Conversation" className="space-y-[0.8em]">
      {entries.length === 0 ? <p className="text-zinc-600 dark:text-zinc-400">Nothing has been said yet.</p> : null}
      {entries.map((entry, index) => {
        if (entry.kind === 'user') {
          return (
            <article key={entry.key} aria-label="User" className={`${article} ml-[10%] bg-indigo-600 text-white ring-indigo-600 dark:bg-indigo-500`}>
                <span className={`${roleLabel} text-indigo-50`}>Person</span>
                <p className="whitespace-pre-wrap">{contentText(entry.content)}</p>
              </article>
          );
        }
        if (entry.kind === 'tool') {
          const name = names.get(entry.toolCallId) ?? 'a tool';
          const declined = entry.content === declinedResult(name);
          return (
            <article key={entry.key} aria-label="Tool" className={`${article} mr-[10%] bg-emerald-50 ring-emerald-200 dark:bg-emerald-950/40 dark:ring-emerald-900`}>
                <span className={mutedLabel}>{declined ? `Declined: ${name} did not run` : `Result of ${name}`}</span>
                <pre className={pre}>{prettyJson(entry.content)}</pre>
              </article>
          );
        }
        if (entry.kind === 'other') {
          return (
            <article key={entry.key} aria-label={entry.message.role === 'developer' ? 'Developer' : 'System'} className={`${article} bg-zinc-100 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800`}>
                <span className={mutedLabel}>{entry.message.role}</span>
                <p className="whitespace-pre-wrap">{contentText(entry.message.content)}</p>
              </article>
          );
        }
        const parts = assistantParts(entry);
        const shown = reveal?.index === index ? revealParts(parts, reveal.shown) : parts;
        const complete = (part: number) => shown[part].length === parts[part].length;
        return (
          <article key={entry.key} aria-label="Assistant" className={`${article} mr-[10%] bg-white ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800`}>
              <span className={mutedLabel}>Model</span>
              {entry.content !== null && shown[0] ? <p className="whitespace-pre-wrap">{shown[0]}</p> : null}
              {entry.refusal ? <p className="text-rose-700 dark:text-rose-300">Refusal: {entry.refusal}</p> : null}
              {entry.toolCalls.map((card, i) =>
                complete(i) ? (
                  <CallCard key={card.key} card={card} args={shown[i + 1]} complete={complete(i + 1) && entry.status === 'done'} tools={tools} onApprove={onApprove} onReject={onReject} />
                ) : null,
              )}
              {entry.status === 'streaming' && !entry.content && entry.toolCalls.length === 0 ? <p className="text-zinc-600 dark:text-zinc-400">…</p> : null}
            </article>
        );
      })}
      <div ref={end} aria-hidden className="h-px" />
    </div>
  );
}
