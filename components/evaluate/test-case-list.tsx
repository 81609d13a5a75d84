'use client';

/**
 * The scenario's test cases: each one's id, the message under test and what it expects, with Delete;
 * "Add this conversation's turn as a test case", "Import test cases" and "Export test cases" (JSON
 * Lines). Shown a page at a time.
 */
import { useState } from 'react';
import type { TestCase } from '@/lib/evaluate/types';
import { caseFromConversation, caseQuestion, describeExpectation } from '@/lib/store/test-cases';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { Button } from '@/components/ui/controls';
import { ImportCases } from './import-cases';
import { exportCases } from './exports';
import { Pager, pageCount } from './pager';

const PAGE = 25;
const EMPTY: TestCase[] = [];

export function TestCaseList() {
  const store = usePlaygroundStore();
  const cases = usePlayground((s) => ({ list: s.settings.test_cases ?? EMPTY })).list;
  const [page, setPage] = useState(0);
  const [importing, setImporting] = useState(false);
  const [status, setStatus] = useState<{ tone: 'ok' | 'problem'; text: string } | null>(null);
  const shownPage = Math.min(page, pageCount(cases.length, PAGE) - 1);
  const visible = cases.slice(shownPage * PAGE, (shownPage + 1) * PAGE);

  const addTurn = () => {
    const made = caseFromConversation(store.getState().snapshot().scenario, cases);
    if (!made.ok) return setStatus({ tone: 'problem', text: made.problem });
    store.getState().setTestCases([...cases, made.testCase]);
    setPage(pageCount(cases.length + 1, PAGE) - 1);
    setStatus({
      tone: 'ok',
      text:
        made.expectation === 'written'
          ? `Added “${made.testCase.id}” with the expectation written beside the turn.`
          : `Added “${made.testCase.id}”. The turn had no expectation written, so the case expects what the model did: ${describeExpectation(made.testCase.expect)}.`,
    });
  };

  const download = async () => {
    try {
      const file = await exportCases(store.getState().snapshot().scenario);
      setStatus({ tone: 'ok', text: `Downloaded ${file}.` });
    } catch (error) {
      setStatus({ tone: 'problem', text: `The test cases could not be exported: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <div className="flex flex-col">
      <div className="flex flex-wrap gap-1.5 px-4 py-2.5">
        <Button size="sm" variant="primary" onClick={addTurn} data-autofocus>
          Add this conversation’s turn as a test case
        </Button>
        <Button size="sm" aria-expanded={importing} onClick={() => setImporting((open) => !open)}>
          Import test cases
        </Button>
        <Button size="sm" onClick={() => void download()} disabled={!cases.length}>
          Export test cases
        </Button>
      </div>
      {importing ? <ImportCases onDone={() => setImporting(false)} /> : null}
      <div role="status" className="px-4 empty:hidden">
        {status ? (
          <p className={`mb-2 text-[13px] ${status.tone === 'ok' ? 'text-emerald-800 dark:text-emerald-300' : 'text-rose-700 dark:text-rose-300'}`}>{status.text}</p>
        ) : null}
      </div>
      {cases.length === 0 ? (
        <p className="px-4 py-6 text-center text-[13px] text-zinc-500 dark:text-zinc-400">
          No test cases yet. Add the open conversation’s last turn, or import a BFCL file or JSON Lines.
        </p>
      ) : (
        <>
          <ul aria-label="Test cases" className="max-h-96 divide-y divide-zinc-200 overflow-auto border-t border-zinc-200 xl:max-h-none dark:divide-zinc-800 dark:border-zinc-800">
            {visible.map((testCase) => (
              <li key={testCase.id} className="flex items-start gap-2 px-4 py-2">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-mono text-xs font-semibold text-zinc-800 dark:text-zinc-100">{testCase.id}</p>
                  <p className="line-clamp-2 text-[13px] text-zinc-700 dark:text-zinc-300">{caseQuestion(testCase) || '(no text)'}</p>
                  <p className="line-clamp-2 font-mono text-[11px] text-zinc-600 dark:text-zinc-400">
                    Expects {describeExpectation(testCase.expect, testCase.names)}
                  </p>
                </div>
                <Button size="sm" variant="ghost" aria-label={`Delete test case ${testCase.id}`} onClick={() => store.getState().deleteTestCase(testCase.id)}>
                  Delete
                </Button>
              </li>
            ))}
          </ul>
          <Pager what="test cases" page={shownPage} total={cases.length} size={PAGE} onPage={setPage} />
        </>
      )}
    </div>
  );
}
