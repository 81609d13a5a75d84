'use client';

/**
 * Under a tool call's Result box: which mock offered the result ("Rule 2: location = Chicago", "Default",
 * "JavaScript mock", "Fixed result"; a JavaScript mock while it runs, or why it failed), and, before the
 * result is sent, whether it is JSON and whether it matches its function's result schema.
 */
import { useMemo } from 'react';
import type { ToolCallCard as Card } from '@/lib/conversation/reducer';
import { answerTitle } from '@/lib/mocks/mock';
import { checkResultIfLoaded, resultJsonProblem } from '@/lib/tools/result-check';
import { CheckNotes } from './check-notes';

interface Props {
  card: Card;
  resultSchema: string | undefined;
  /** Changes when the schema checks load, so the result is checked then. */
  engineReady: boolean;
}

export function ResultNotes({ card, resultSchema, engineReady }: Props) {
  const waiting = card.state === 'awaiting-result';
  // A tool run on its MCP server answers in text as a rule: no warning that it is not JSON.
  const jsonProblem = waiting && !card.run?.result ? resultJsonProblem(card.result) : null;
  const check = useMemo(
    () => (waiting && engineReady ? checkResultIfLoaded(resultSchema, card.result) : null),
    [waiting, engineReady, resultSchema, card.result],
  );
  const mock = card.mock;
  return (
    <div className="mt-1.5 space-y-1 text-xs">
      {mock ? (
        mock.kind === 'javascript' && mock.status === 'running' ? (
          <p role="status" className="text-zinc-600 dark:text-zinc-400">
            Running the JavaScript mock…
          </p>
        ) : mock.kind === 'javascript' && mock.status === 'failed' ? (
          <p role="status" className="text-rose-700 dark:text-rose-300">
            <span aria-hidden>⚠ </span>
            {mock.error}
          </p>
        ) : (
          <p className="text-zinc-600 dark:text-zinc-400">
            <span className="font-medium">Answered by: </span>
            {answerTitle(mock)}
            {waiting && 'result' in mock && mock.result !== card.result ? ' (edited since)' : ''}
          </p>
        )
      ) : null}
      {jsonProblem ? (
        <p className="text-amber-800 dark:text-amber-300">
          <span aria-hidden>⚠ </span>
          This result is not valid JSON: {jsonProblem}; the model gets it as plain text.
        </p>
      ) : null}
      {check ? <CheckNotes check={check} problemsLabel="Result problems" /> : null}
    </div>
  );
}
