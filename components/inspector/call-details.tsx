'use client';

/**
 * Everything about one model call: status, timings, tokens and cost; its timeline; the request body and
 * the assembled reply as folded JSON trees; headers and status of both legs; the stream chunk by chunk;
 * "Copy as curl" and "Copy as JSON". The API key is never here: the browser never has it, and what the
 * server says about its request to the provider shows the key as `Bearer ••••`. Loaded when a call is
 * first opened (inspector-call.tsx), so none of it weighs on the page's first load.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { AssembledMessage, ModelCall } from '@/lib/conversation/reducer';
import { describeChatError } from '@/lib/wire/chat-client';
import { callAdaptations } from '@/lib/inspector/adaptations';
import { callAsCurl, callAsJson } from '@/lib/inspector/copy';
import { RawStreamReader, type RawStream } from '@/lib/inspector/raw-stream';
import { callTimeline } from '@/lib/inspector/timeline';
import { callCost, describeCost } from '@/lib/pricing/cost';
import { Button } from '@/components/ui/controls';
import { copyText } from '@/components/ui/clipboard';
import { AdaptationList } from './adaptation-list';
import { CallTimeline } from './call-timeline';
import { ChunkList } from './chunk-list';
import { ms } from './format';
import { HttpDetails } from './http-details';
import { JsonTree } from './json-tree';

/** The parsed stream of a call, read on from where it was as the raw text grows. */
function useRawStream(call: ModelCall): RawStream {
  const [reader] = useState(() => new RawStreamReader());
  return useMemo(() => reader.read(call.raw, call.rawTimes), [reader, call.raw, call.rawTimes]);
}

function CopyButton({ label, name, text }: { label: string; name: string; text: () => string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'refused'>('idle');
  return (
    <span className="inline-flex items-center gap-1.5">
      <Button
        size="sm"
        aria-label={name}
        onClick={() => {
          void copyText(text()).then((ok) => {
            setState(ok ? 'copied' : 'refused');
            if (ok) setTimeout(() => setState('idle'), 1500);
          });
        }}
      >
        {label}
      </Button>
      <span role="status" className="text-[11px] text-zinc-600 dark:text-zinc-400">
        {state === 'copied' ? 'Copied' : state === 'refused' ? 'The browser refused the clipboard: select the text below and copy it by hand.' : ''}
      </span>
    </span>
  );
}

function Metric({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-[11px] text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="font-mono text-xs text-zinc-900 tabular-nums dark:text-zinc-100">{children}</dd>
    </div>
  );
}

/** A part of the call, its content rendered only while open (a long stream costs nothing folded). */
function Section({ title, open: initiallyOpen = false, children }: { title: string; open?: boolean; children: ReactNode }) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <details open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)} className="group/section">
      <summary className="flex min-h-8 cursor-pointer list-none items-center gap-1.5 text-xs font-semibold text-zinc-800 select-none dark:text-zinc-200">
        <span aria-hidden className="text-zinc-500 transition-transform group-open/section:rotate-90">▸</span>
        <h3>{title}</h3>
      </summary>
      {open ? <div className="pt-1 pb-2">{children}</div> : null}
    </details>
  );
}

interface DetailsProps {
  call: ModelCall;
  number: number;
  assembled: AssembledMessage | null;
  /** The full view opens every section. */
  full?: boolean;
  actions?: ReactNode;
}

/** Everything about one call (the pane's open call, and the full view). */
export function CallDetails({ call, number, assembled, full = false, actions }: DetailsProps) {
  const stream = useRawStream(call);
  const marks = callTimeline(call, stream.chunks);
  const ttft = marks.find((mark) => mark.kind === 'first-token')?.ms ?? null;
  const total = call.finishedAt != null ? call.finishedAt - call.startedAt : null;
  const usage = call.usage;
  const cost = callCost(call.body.model, usage);
  const status = call.http?.status ?? call.error?.status ?? null;
  return (
    <div className="@container space-y-2.5">
      <dl className="grid grid-cols-3 gap-2 rounded-md bg-zinc-50 px-2.5 py-2 @xl:grid-cols-4 @4xl:grid-cols-8 dark:bg-zinc-950">
        <Metric label="HTTP status">{status ?? '—'}</Metric>
        <Metric label="First token">{ms(ttft)}</Metric>
        <Metric label="Total">{call.status === 'streaming' ? '…' : ms(total)}</Metric>
        <Metric label="Finish">{call.finishReason ?? '—'}</Metric>
        <Metric label="Prompt tokens">{usage?.prompt_tokens ?? '—'}</Metric>
        <Metric label="Completion">{usage?.completion_tokens ?? '—'}</Metric>
        <Metric label="Total tokens">{usage?.total_tokens ?? '—'}</Metric>
        <Metric label="Cost">{describeCost(cost)}</Metric>
      </dl>
      {cost.kind === 'priced' ? (
        <p className="text-[11px] text-zinc-600 dark:text-zinc-400">
          Cost at the maker&apos;s list price for {call.body.model}: ${cost.price.input} per million prompt tokens, ${cost.price.output} per million completion tokens
          {cost.price.note ? ` (${cost.price.note})` : ''}, from {cost.price.source} as of {cost.price.asOf}. The AI/ML API bills its own prices.
        </p>
      ) : null}
      {call.error && call.error.kind !== 'aborted' ? (
        <p className="rounded-md bg-rose-50 px-2.5 py-1.5 text-xs text-rose-800 dark:bg-rose-950/40 dark:text-rose-200">
          {call.error.kind}: {describeChatError(call.error)}
        </p>
      ) : null}
      <CallTimeline marks={marks} number={number} />
      <div className="flex flex-wrap items-center gap-2">
        <CopyButton label="Copy as curl" name={`Copy as curl (call ${number})`} text={() => callAsCurl(call, window.location.origin)} />
        <CopyButton label="Copy as JSON" name={`Copy as JSON (call ${number})`} text={() => callAsJson(call, assembled, stream)} />
        {actions}
      </div>
      <Section title="Request body" open>
        <AdaptationList adaptations={callAdaptations(stream.upstream, call.http?.headers)} number={number} />
        <JsonTree value={call.body} label={`Request body (call ${number})`} openDepth={full ? 4 : 3} />
      </Section>
      <Section title="Status and headers" open={full}>
        <HttpDetails call={call} upstream={stream.upstream} number={number} />
      </Section>
      <Section title="Response · assembled message" open>
        {assembled ? <JsonTree value={assembled} label={`Assembled message (call ${number})`} openDepth={4} /> : <p className="text-xs text-zinc-600 dark:text-zinc-400">Nothing yet.</p>}
      </Section>
      <Section title="Response · stream chunks" open={full}>
        {call.rawDroppedChars !== null ? (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            The raw stream ({call.rawDroppedChars.toLocaleString('en')} characters) was not kept with the saved scenario: it is over the size kept for each call.
          </p>
        ) : (
          <ChunkList stream={stream} number={number} />
        )}
      </Section>
    </div>
  );
}
