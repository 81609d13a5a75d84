'use client';

/**
 * One model call in the pane: a summary line (number, model, HTTP status, total time, state) that opens
 * to its details, which load the first time any call is opened (next/dynamic).
 */
import dynamic from 'next/dynamic';
import type { AssembledMessage, ModelCall } from '@/lib/conversation/reducer';
import { Badge, Button } from '@/components/ui/controls';
import { ms } from './format';

export const CallDetails = dynamic(() => import('./call-details').then((m) => m.CallDetails), {
  loading: () => <p className="text-xs text-zinc-600 dark:text-zinc-400">Loading the call…</p>,
});

const STATUS: Record<ModelCall['status'], { label: string; tone: 'info' | 'success' | 'danger' | 'neutral' }> = {
  streaming: { label: 'streaming', tone: 'info' },
  done: { label: 'done', tone: 'success' },
  failed: { label: 'failed', tone: 'danger' },
  stopped: { label: 'stopped', tone: 'neutral' },
  interrupted: { label: 'interrupted', tone: 'neutral' },
};

interface Props {
  call: ModelCall;
  number: number;
  assembled: AssembledMessage | null;
  open: boolean;
  onToggle: (open: boolean) => void;
  onFullView: () => void;
}

/** The call in the pane: a summary line that opens to its details. */
/** The id of a call's entry in the inspector (the sequence diagram's arrows lead there). */
export function inspectorCallId(requestId: string): string {
  return `inspector-call-${requestId.replace(/[^\w-]/g, '_')}`;
}

export function InspectorCall({ call, number, assembled, open, onToggle, onFullView }: Props) {
  const status = STATUS[call.status];
  const total = call.finishedAt != null ? call.finishedAt - call.startedAt : null;
  const http = call.http?.status ?? call.error?.status ?? null;
  return (
    <details
      open={open}
      onToggle={(e) => {
        // Only the person's clicks count: React setting `open` fires the same event.
        const now = (e.currentTarget as HTMLDetailsElement).open;
        if (now !== open) onToggle(now);
      }}
      id={inspectorCallId(call.requestId)}
      className="group border-b border-zinc-200 dark:border-zinc-800"
    >
      <summary className="flex cursor-pointer list-none items-center gap-2 px-3 py-2 select-none hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
        <span aria-hidden className="text-xs text-zinc-500 transition-transform group-open:rotate-90">▸</span>
        <span className="text-xs font-semibold text-zinc-800 dark:text-zinc-200">Call {number}</span>
        <span className="truncate font-mono text-[11px] text-zinc-600 dark:text-zinc-400">{call.body.model}</span>
        <span className="ml-auto flex items-center gap-2">
          {http != null ? <span className="font-mono text-[11px] text-zinc-600 dark:text-zinc-400">{http}</span> : null}
          <span className="font-mono text-[11px] text-zinc-600 tabular-nums dark:text-zinc-400">{ms(total)}</span>
          <Badge tone={status.tone}>{status.label}</Badge>
        </span>
      </summary>
      {open ? (
        <div className="px-3 pt-1 pb-3">
          <CallDetails
            call={call}
            number={number}
            assembled={assembled}
            actions={
              <Button size="sm" onClick={onFullView}>
                Open call {number} in full view
              </Button>
            }
          />
        </div>
      ) : null}
    </details>
  );
}
