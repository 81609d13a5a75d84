'use client';

/**
 * Every model call of the conversation, oldest first, under a timeline of the turn (a bar per call on
 * one axis); the newest opens by itself. Any call opens in a full-width view of its own.
 */
import { useEffect, useId, useState } from 'react';
import { assembledMessage } from '@/lib/conversation/reducer';
import { turnBars } from '@/lib/inspector/timeline';
import { usePlayground } from '@/components/playground/store-context';
import { Modal } from '@/components/ui/modal';
import { PanelHeading } from '@/components/ui/controls';
import { CallDetails, InspectorCall, inspectorCallId } from './inspector-call';
import { ms } from './format';

/** A call to open and bring into view (an arrow of the sequence diagram); `nonce` repeats the same one. */
export interface InspectorFocus {
  requestId: string;
  nonce: number;
}

/** `model`: comparing, the model of the column whose calls it shows (the heading names it). */
export function Inspector({ conversationId, model = null, focus = null }: { conversationId: string; model?: string | null; focus?: InspectorFocus | null }) {
  const conversation = usePlayground((s) => s.conversations[conversationId].state);
  const id = useId();
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const [full, setFull] = useState<string | null>(null);
  const calls = conversation.calls;
  const newest = calls.at(-1)?.requestId;
  const bars = turnBars(calls);
  const fullIndex = calls.findIndex((call) => call.requestId === full);

  // An arrow of the diagram opens its call (state set while rendering, as React documents for props).
  const [opened, setOpened] = useState<InspectorFocus | null>(null);
  if (focus && focus !== opened) {
    setOpened(focus);
    setToggled((t) => ({ ...t, [focus.requestId]: true }));
  }
  useEffect(() => {
    if (!focus) return;
    const element = document.getElementById(inspectorCallId(focus.requestId));
    element?.scrollIntoView({ block: 'start' });
    element?.querySelector('summary')?.focus();
  }, [focus]);
  return (
    // At least this tall: when the settings above it grow (a response schema, MCP servers), the column scrolls instead.
    <section aria-labelledby={`${id}-h`} className="flex min-h-72 flex-1 flex-col">
      <PanelHeading id={`${id}-h`} title="Inspector" hint={
          model
            ? `${model}: ${calls.length} model ${calls.length === 1 ? 'call' : 'calls'}${calls.length ? ', oldest first' : ''}`
            : calls.length
              ? `${calls.length} model ${calls.length === 1 ? 'call' : 'calls'}, oldest first`
              : undefined
        } />
      {/* Focusable while it holds only text, so a keyboard can scroll it when the column is short. */}
      <div className="min-h-0 flex-1 overflow-y-auto" tabIndex={calls.length === 0 ? 0 : undefined}>
        {calls.length === 0 ? (
          <p className="p-3 text-xs leading-relaxed text-zinc-600 dark:text-zinc-400">
            Each model call appears here, oldest first: its timeline, the exact request body and what the server adapted in it for the provider, status and headers, the
            stream chunk by chunk with each chunk&apos;s time and what the normalizer changed, the assembled reply, tokens and cost.
          </p>
        ) : (
          <ol aria-label="Timeline of the conversation's calls" className="space-y-1 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
            {calls.map((call, i) => (
              <li key={call.requestId} className="flex items-center gap-2 text-[11px]">
                <span className="w-10 shrink-0 text-zinc-700 dark:text-zinc-300">Call {i + 1}</span>
                <span aria-hidden className="relative h-2 flex-1 rounded-full bg-zinc-100 dark:bg-zinc-800">
                  <span
                    className={`absolute inset-y-0 rounded-full ${call.status === 'failed' ? 'bg-rose-500' : 'bg-indigo-500'}`}
                    style={{ left: `${bars[i].start * 100}%`, width: `max(4px, ${bars[i].width * 100}%)` }}
                  />
                </span>
                <span className="w-20 shrink-0 text-right font-mono text-zinc-600 tabular-nums dark:text-zinc-400">
                  {call.finishedAt != null ? ms(call.finishedAt - call.startedAt) : call.status === 'streaming' ? 'streaming' : '—'}
                </span>
              </li>
            ))}
          </ol>
        )}
        {calls.map((call, i) => (
          <InspectorCall
            key={call.requestId}
            call={call}
            number={i + 1}
            assembled={assembledMessage(conversation, call.requestId)}
            open={toggled[call.requestId] ?? call.requestId === newest}
            onToggle={(open) => setToggled((t) => (t[call.requestId] === open ? t : { ...t, [call.requestId]: open }))}
            onFullView={() => setFull(call.requestId)}
          />
        ))}
      </div>
      {fullIndex !== -1 ? (
        <Modal open onClose={() => setFull(null)} label={`Call ${fullIndex + 1} in full view`} description={calls[fullIndex].body.model} size="full">
          <div className="p-4">
            <CallDetails call={calls[fullIndex]} number={fullIndex + 1} assembled={assembledMessage(conversation, calls[fullIndex].requestId)} full />
          </div>
        </Modal>
      ) : null}
    </section>
  );
}
