'use client';

/**
 * One model call in the inspector: the exact request body, the response as received (raw SSE, with any
 * `: upstream-raw` lines the server added) and as assembled, latency and token usage. The API key is
 * never here: the browser never has it.
 */
import { useState, type ReactNode } from 'react';
import type { AssembledMessage, ModelCall } from '@/lib/conversation/reducer';
import { describeChatError } from '@/lib/wire/chat-client';
import { Badge, Button } from '@/components/ui/controls';
import { FoldedText } from '@/components/ui/folded-text';

function ms(value: number | null): string {
  if (value == null) return '—';
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
}

const STATUS: Record<ModelCall['status'], { label: string; tone: 'info' | 'success' | 'danger' | 'neutral' }> = {
  streaming: { label: 'streaming', tone: 'info' },
  done: { label: 'done', tone: 'success' },
  failed: { label: 'failed', tone: 'danger' },
  stopped: { label: 'stopped', tone: 'neutral' },
  interrupted: { label: 'interrupted', tone: 'neutral' },
};

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      size="sm"
      variant="ghost"
      aria-label={label}
      onClick={(event) => {
        event.preventDefault();
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1200);
        });
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </Button>
  );
}

/**
 * A collapsible text block. Copy sits beside the summary, not in it (a button inside a summary is a
 * control inside a control), and the text scrolls by keyboard too (it takes focus).
 */
function Block({ title, text, open, copyLabel }: { title: string; text: string; open?: boolean; copyLabel: string }) {
  return (
    <div className="relative">
      <details open={open} className="group/block rounded-md border border-zinc-200 dark:border-zinc-800">
        <summary className="flex min-h-9 cursor-pointer list-none items-center gap-2 py-1.5 pr-16 pl-2.5 text-xs font-medium text-zinc-700 select-none dark:text-zinc-300">
          <span aria-hidden className="text-zinc-400 transition-transform group-open/block:rotate-90">▸</span>
          {title}
        </summary>
        {/* Folded past LONG_TEXT_CHARS (a long prompt in the body could freeze the page); Copy copies it whole. */}
        <FoldedText
          as="pre"
          tabIndex={0}
          text={text || ' '}
          className="max-h-80 overflow-auto border-t border-zinc-200 bg-zinc-50 px-2.5 py-2 font-mono text-[11px] leading-relaxed whitespace-pre-wrap break-all text-zinc-800 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-300"
        />
      </details>
      <span className="absolute top-1 right-1.5">
        <CopyButton text={text} label={copyLabel} />
      </span>
    </div>
  );
}

function Metric({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-[11px] text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="font-mono text-xs text-zinc-900 tabular-nums dark:text-zinc-100">{children}</dd>
    </div>
  );
}

interface Props {
  call: ModelCall;
  number: number;
  assembled: AssembledMessage | null;
  open: boolean;
  onToggle: (open: boolean) => void;
}

export function InspectorCall({ call, number, assembled, open, onToggle }: Props) {
  const status = STATUS[call.status];
  const ttft = call.firstTokenAt != null ? call.firstTokenAt - call.startedAt : null;
  const total = call.finishedAt != null ? call.finishedAt - call.startedAt : null;
  const usage = call.usage;
  return (
    <details
      open={open}
      onToggle={(e) => {
        // Only the person's clicks count: React setting `open` fires the same event.
        const now = (e.currentTarget as HTMLDetailsElement).open;
        if (now !== open) onToggle(now);
      }}
      className="group border-b border-zinc-200 dark:border-zinc-800"
    >
      <summary className="flex cursor-pointer list-none items-center gap-2 px-3 py-2 select-none hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
        <span aria-hidden className="text-xs text-zinc-400 transition-transform group-open:rotate-90">▸</span>
        <span className="text-xs font-semibold text-zinc-800 dark:text-zinc-200">Call {number}</span>
        <span className="truncate font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{call.body.model}</span>
        <span className="ml-auto flex items-center gap-2">
          <span className="font-mono text-[11px] text-zinc-500 tabular-nums dark:text-zinc-400">{ms(total)}</span>
          <Badge tone={status.tone}>{status.label}</Badge>
        </span>
      </summary>
      <div className="space-y-2.5 px-3 pt-1 pb-3">
        <dl className="grid grid-cols-3 gap-2 rounded-md bg-zinc-50 px-2.5 py-2 dark:bg-zinc-950">
          <Metric label="First token">{ms(ttft)}</Metric>
          <Metric label="Total">{call.status === 'streaming' ? '…' : ms(total)}</Metric>
          <Metric label="Finish">{call.finishReason ?? '—'}</Metric>
          <Metric label="Prompt tokens">{usage?.prompt_tokens ?? '—'}</Metric>
          <Metric label="Completion">{usage?.completion_tokens ?? '—'}</Metric>
          <Metric label="Total tokens">{usage?.total_tokens ?? '—'}</Metric>
        </dl>
        {call.error && call.error.kind !== 'aborted' ? (
          <p className="rounded-md bg-rose-50 px-2.5 py-1.5 text-xs text-rose-800 dark:bg-rose-950/40 dark:text-rose-200">
            {call.error.kind}: {describeChatError(call.error)}
          </p>
        ) : null}
        <Block title="Request body" text={JSON.stringify(call.body, null, 2)} open copyLabel={`Copy the request body (call ${number})`} />
        <Block
          title="Response · assembled message"
          text={assembled ? JSON.stringify(assembled, null, 2) : ''}
          open
          copyLabel={`Copy the assembled reply (call ${number})`}
        />
        {call.rawDroppedChars !== null ? (
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            The raw stream ({call.rawDroppedChars.toLocaleString('en')} characters) was not kept with the saved scenario: it is over the size kept for each call.
          </p>
        ) : (
          <Block title="Response · raw stream" text={call.raw} copyLabel={`Copy the raw stream (call ${number})`} />
        )}
      </div>
    </details>
  );
}
