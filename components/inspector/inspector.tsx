'use client';

/** Every model call of the conversation, newest first; the newest opens by itself. */
import { useId, useState } from 'react';
import { assembledMessage } from '@/lib/conversation/reducer';
import { usePlayground } from '@/components/playground/store-context';
import { InspectorCall } from './inspector-call';
import { PanelHeading } from '@/components/ui/controls';

export function Inspector({ conversationId }: { conversationId: string }) {
  const conversation = usePlayground((s) => s.conversations[conversationId].state);
  const id = useId();
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const calls = conversation.calls;
  const newest = calls.at(-1)?.requestId;
  return (
    <section aria-labelledby={`${id}-h`} className="flex min-h-0 flex-1 flex-col">
      <PanelHeading id={`${id}-h`} title="Inspector" hint={calls.length ? `${calls.length} model ${calls.length === 1 ? 'call' : 'calls'}` : undefined} />
      <div className="min-h-0 flex-1 overflow-y-auto">
        {calls.length === 0 ? (
          <p className="p-3 text-xs leading-relaxed text-zinc-500 dark:text-zinc-400">
            Each model call appears here: the exact request body, the response as streamed and as assembled, time to first token,
            total time and token usage.
          </p>
        ) : null}
        {[...calls].reverse().map((call, i) => (
          <InspectorCall
            key={call.requestId}
            call={call}
            number={calls.length - i}
            assembled={assembledMessage(conversation, call.requestId)}
            open={toggled[call.requestId] ?? call.requestId === newest}
            onToggle={(open) => setToggled((t) => (t[call.requestId] === open ? t : { ...t, [call.requestId]: open }))}
          />
        ))}
      </div>
    </section>
  );
}
