'use client';

/**
 * A call to a tool that an MCP server serves: "Run on <server>" beside Approve (the arguments as the
 * model gave them, or as edited), its progress and "Cancel" while it runs, and what came back — text,
 * images, resources, the structured content checked against the function's result schema — or why it
 * failed. The result goes into the Result box, to send as it is or edited (its policy may send it at once).
 */
import { useMemo } from 'react';
import type { ToolCallCard as Card } from '@/lib/conversation/reducer';
import type { McpContent } from '@/lib/mcp/types';
import type { McpPolicy } from '@/lib/scenario/base';
import { checkResultIfLoaded } from '@/lib/tools/result-check';
import { Button } from '@/components/ui/controls';
import { CheckNotes } from './check-notes';

/** What the card needs to offer a run on the function's server. */
export interface ServerRunControls {
  server: string;
  policy: McpPolicy;
  onRun: () => void;
  onCancel: () => void;
}

export function ServerRunButtons({ card, controls }: { card: Card; controls: ServerRunControls }) {
  if (controls.policy === 'never') return null;
  if (card.run?.status === 'running') {
    return (
      <Button variant="secondary" size="sm" onClick={controls.onCancel}>
        Cancel
      </Button>
    );
  }
  return (
    <Button variant="secondary" size="sm" onClick={controls.onRun} title={`Call ${card.name} on the MCP server “${controls.server}” with these arguments; its result goes into the Result box`}>
      {card.run ? `Run on ${controls.server} again` : `Run on ${controls.server}`}
    </Button>
  );
}

function Block({ block }: { block: McpContent }) {
  if (block.type === 'image') {
    // eslint-disable-next-line @next/next/no-img-element -- a data URL from the tool, not an asset to optimize
    return <img alt={`Image from the tool (${block.mimeType})`} src={`data:${block.mimeType};base64,${block.data}`} className="max-h-40 rounded border border-zinc-200 dark:border-zinc-700" />;
  }
  if (block.type === 'audio') return <audio controls src={`data:${block.mimeType};base64,${block.data}`} aria-label={`Audio from the tool (${block.mimeType})`} />;
  if (block.type === 'resource_link') return <p className="font-mono">Resource: {block.uri}</p>;
  if (block.type === 'resource') return <p className="font-mono">Resource {block.resource.uri}{block.resource.text === undefined ? ' (binary)' : ''}</p>;
  return null;
}

export function ServerRunNotes({ card, resultSchema, engineReady }: { card: Card; resultSchema: string | undefined; engineReady: boolean }) {
  const run = card.run;
  const structured = run?.result?.structuredContent;
  const check = useMemo(
    () => (structured !== undefined && engineReady ? checkResultIfLoaded(resultSchema, JSON.stringify(structured)) : null),
    [structured, engineReady, resultSchema],
  );
  if (!run) return null;
  if (run.status === 'running') {
    const { progress } = run;
    const of = progress?.total ? ` ${progress.progress} of ${progress.total}` : progress ? ` ${progress.progress}` : '';
    return (
      <p role="status" className="mt-1.5 text-xs text-zinc-600 dark:text-zinc-400">
        Running on {run.server}…{of}
        {progress?.message ? ` — ${progress.message}` : ''}
      </p>
    );
  }
  if (!run.result) {
    return (
      <p role="status" className="mt-1.5 text-xs text-rose-700 dark:text-rose-300">
        <span aria-hidden>⚠ </span>
        {run.status === 'cancelled' ? run.error : `The run on ${run.server} failed: ${run.error} Answer with the mock or type the result instead.`}
      </p>
    );
  }
  const media = run.result.content.filter((block) => block.type !== 'text');
  return (
    <div className="mt-1.5 space-y-1 text-xs">
      <p role="status" className={run.result.isError ? 'text-rose-700 dark:text-rose-300' : 'text-zinc-600 dark:text-zinc-400'}>
        {run.result.isError ? `The tool reported a failure on ${run.server} (isError)` : `Result from ${run.server}`} in {Math.round(run.result.durationMs)} ms
        {run.result.isError ? ': its text is in the Result box, to send back or change.' : ''}
      </p>
      {media.length ? (
        <div className="flex flex-wrap items-start gap-2">
          {media.map((block, i) => (
            <Block key={i} block={block} />
          ))}
        </div>
      ) : null}
      {check ? <CheckNotes check={{ ...check, summary: check.ok ? 'The structured content matches the output schema' : check.summary }} problemsLabel={`Structured content problems for ${card.name}`} /> : null}
    </div>
  );
}
