'use client';

/**
 * One tool call: the function, its call id, the arguments pretty-printed, whether they match the tool's
 * schema (in words), and the result the person approves (editable until then) or rejects. Arguments and
 * results past LONG_TEXT_CHARS show folded (components/ui/long-text.ts); Approve sends a folded result whole.
 * An answered call's result shows here only: the tool message it went back as is folded into this card
 * (conversation-log.tsx). Its toolbar and editors come from message-article.tsx.
 */
import { useMemo, type ReactNode } from 'react';
import type { Tool } from '@/lib/wire/chat';
import type { ToolCallCard as Card } from '@/lib/conversation/reducer';
import { Badge, Button } from '@/components/ui/controls';
import { FoldedText, FoldedValue, useFoldedEdit } from '@/components/ui/folded-text';
import { useArgumentsCheck } from './use-arguments-check';
import { ResultNotes } from './result-notes';
import { CheckNotes } from './check-notes';
import { CallVerdict } from './expectation-verdict';
import { ServerRunButtons, ServerRunNotes, type ServerRunControls } from './server-run';
import type { ShownVerdict } from '@/lib/store/expectation-checks';

/** In Compare: the same call made in other columns, approved there with this result (or rejected) at once. */
export interface AnswerAll {
  /** The columns that would be answered, this one included. */
  columns: number;
  onApprove: () => void;
  onReject: () => void;
}

interface Props {
  card: Card;
  /** The tools the call was made against (those of its request, or the current ones). */
  tools: readonly Tool[] | null;
  onEdit: (text: string) => void;
  onApprove: () => void;
  onReject: () => void;
  /** The Result box's id (focus moves there when the call before it is answered). */
  resultId: string;
  /** The function's result schema (JSON Schema text), when it has one. */
  resultSchema?: string;
  /** The call's own toolbar (Edit arguments, Edit result, Delete call), in its title row. */
  actions?: ReactNode;
  /** Shown instead of the arguments while they are edited. */
  argumentsEditor?: ReactNode;
  /** Shown instead of the answered result while it is edited. */
  resultEditor?: ReactNode;
  /** In Compare: approve this result in every column that made the same call (message-article.tsx). */
  answerAll?: AnswerAll;
  /** Whether the call meets its turn's expectations (when the turn has some). */
  expectation?: ShownVerdict;
  /** The function is served by a configured MCP server: run the call there. */
  server?: ServerRunControls;
}

const STATE: Record<Card['state'], { label: string; tone: 'info' | 'warning' | 'success' | 'danger' | 'neutral' }> = {
  streaming: { label: 'Receiving…', tone: 'info' },
  'awaiting-result': { label: 'Awaiting result', tone: 'warning' },
  approved: { label: 'Approved', tone: 'success' },
  rejected: { label: 'Rejected', tone: 'danger' },
  incomplete: { label: 'Incomplete', tone: 'neutral' },
};

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function ToolCallCard({ card, tools, onEdit, onApprove, onReject, resultId, resultSchema, actions, argumentsEditor, resultEditor, answerAll, expectation, server }: Props) {
  const name = card.name || '(no name yet)';
  const finished = card.state !== 'streaming' && card.state !== 'incomplete';
  const check = useArgumentsCheck(tools, card.name, card.arguments, finished);
  const answered = card.state === 'approved' || card.state === 'rejected';
  const state = STATE[card.state];
  const args = useMemo(() => (finished ? pretty(card.arguments) : card.arguments || ' '), [finished, card.arguments]);
  const fold = useFoldedEdit(card.result);

  return (
    <div
      role="group"
      aria-label={`Tool call ${name}`}
      className="group/card overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs dark:border-zinc-700/80 dark:bg-zinc-900"
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 border-b border-zinc-100 bg-zinc-50/80 px-3 py-2 dark:border-zinc-800 dark:bg-zinc-800/40">
        <span aria-hidden className="font-mono text-xs text-indigo-500">ƒ</span>
        <span className="font-mono text-[13px] font-semibold text-zinc-900 dark:text-zinc-100">{name}</span>
        <span className="font-mono text-[11px] text-zinc-500 dark:text-zinc-400" title="Call id">
          {card.id || '…'}
        </span>
        <span className="ml-auto flex items-center gap-1.5">
          {actions}
          <Badge tone={state.tone}>{state.label}</Badge>
        </span>
      </div>

      <div className="space-y-2.5 px-3 py-2.5">
        <div>
          <div className="mb-1 text-[11px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Arguments</div>
          {argumentsEditor ?? (
            <FoldedText
              as="pre"
              scrolls
              text={args}
              className="max-h-60 overflow-auto rounded-md bg-zinc-50 px-2.5 py-2 font-mono text-xs leading-relaxed whitespace-pre-wrap text-zinc-800 dark:bg-zinc-950 dark:text-zinc-200"
            />
          )}
          {check === 'checking' ? (
            <p className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">Checking the arguments…</p>
          ) : check ? (
            <div className="mt-1.5 text-xs">
              <CheckNotes check={check} problemsLabel="Argument problems" />
            </div>
          ) : null}
          {expectation ? <CallVerdict verdict={expectation} /> : null}
        </div>

        {finished && resultEditor ? (
          resultEditor
        ) : finished ? (
          <div>
            <label htmlFor={resultId} className="mb-1 block text-[11px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
              {answered ? 'Result sent' : 'Result'}
            </label>
            {fold.folded && answered ? (
              <FoldedText
                as="pre"
                scrolls
                text={card.result}
                className="max-h-40 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 px-2.5 py-1.5 font-mono text-xs whitespace-pre-wrap text-zinc-600 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-400"
              />
            ) : fold.folded ? (
              <FoldedValue
                value={card.result}
                what="result"
                label={`Result for ${card.name}`}
                id={resultId}
                onEdit={fold.edit}
                onClear={() => onEdit('')}
                className="max-h-40 font-mono text-xs"
              />
            ) : (
              <textarea
                id={resultId}
                aria-label={`Result for ${card.name}`}
                readOnly={answered}
                spellCheck={false}
                rows={Math.min(answered ? 6 : 10, Math.max(answered ? 1 : 3, card.result.split('\n').length))}
                value={card.result}
                placeholder={`Type what ${card.name} returned (JSON or text), or add a mock for it`}
                onChange={(e) => {
                  fold.edited(e.target.value);
                  onEdit(e.target.value);
                }}
                className={`w-full resize-y rounded-md border px-2.5 py-1.5 font-mono text-xs focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none ${
                  answered
                    ? 'border-zinc-200 bg-zinc-50 text-zinc-600 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-400'
                    : 'border-zinc-300 bg-white text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100'
                }`}
              />
            )}
            <ResultNotes card={card} resultSchema={resultSchema} engineReady={check !== 'checking'} />
            <ServerRunNotes card={card} resultSchema={resultSchema} engineReady={check !== 'checking'} />
            {card.state === 'awaiting-result' ? (
              <div className="mt-2 flex flex-wrap items-center gap-2">
                <Button variant="approve" size="sm" onClick={onApprove}>
                  Approve
                </Button>
                <Button variant="reject" size="sm" onClick={onReject}>
                  Reject
                </Button>
                {server ? <ServerRunButtons card={card} controls={server} /> : null}
                {answerAll ? (
                  <Button variant="secondary" size="sm" onClick={answerAll.onApprove} title="Approve this result for every column that made this call (same function, same arguments)">
                    Approve in all {answerAll.columns} columns
                  </Button>
                ) : null}
                {answerAll ? (
                  <Button variant="secondary" size="sm" onClick={answerAll.onReject} title="Reject this call in every column that made it (same function, same arguments)">
                    Reject in all {answerAll.columns} columns
                  </Button>
                ) : null}
                <span className="text-[11px] text-zinc-500 dark:text-zinc-400">
                  {card.result.trim()
                    ? 'Approve sends this result; Reject tells the model you declined.'
                    : card.mock
                      ? 'Type what it returned, or Approve an empty result.'
                      : `No mock for ${card.name}: type what it returned, or Approve an empty result.`}
                </span>
              </div>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
