'use client';

/**
 * "Evaluate": the scenario's test cases (add the open turn, import, export, delete), the models to run
 * them on, the run's progress with Cancel, and the scorecard of the last run. Loaded the first time it
 * opens (lazy-dialogs.tsx); rendered while open. The run lives in the store, so closing the dialog does
 * not stop it, and opening the dialog again shows it where it is.
 */
import { useId } from 'react';
import { Modal } from '@/components/ui/modal';
import { usePlayground } from '@/components/playground/store-context';
import { TestCaseList } from './test-case-list';
import { RunPanel } from './run-panel';
import { ScorecardView } from './scorecard-view';

interface Props {
  onClose: () => void;
  /** Opens a case's result as a conversation (the page saves unsaved work first, as Fork does). */
  onOpenCase: (model: string, caseId: string) => void;
}

export function EvaluateDialog({ onClose, onOpenCase }: Props) {
  const id = useId();
  const count = usePlayground((s) => s.settings.test_cases?.length ?? 0);
  return (
    <Modal
      open
      onClose={onClose}
      label="Evaluate"
      size="full"
      description="Run the scenario’s test cases on several models and compare how many of them each gets right, how fast and at what cost."
    >
      <div className="grid gap-px bg-zinc-200 xl:grid-cols-[minmax(22rem,0.9fr)_minmax(0,2fr)] dark:bg-zinc-800">
        <section aria-labelledby={`${id}-cases`} className="min-w-0 bg-white dark:bg-zinc-900">
          <h3 id={`${id}-cases`} className="px-4 pt-3 text-[13px] font-semibold">
            Test cases <span className="font-normal text-zinc-500 dark:text-zinc-400">({count.toLocaleString('en')})</span>
          </h3>
          <TestCaseList />
        </section>
        <div className="flex min-w-0 flex-col gap-px bg-zinc-200 dark:bg-zinc-800">
          <section aria-labelledby={`${id}-run`} className="bg-white dark:bg-zinc-900">
            <h3 id={`${id}-run`} className="px-4 pt-3 text-[13px] font-semibold">
              Run
            </h3>
            <RunPanel />
          </section>
          <section aria-labelledby={`${id}-score`} className="min-w-0 bg-white dark:bg-zinc-900">
            <h3 id={`${id}-score`} className="px-4 pt-3 text-[13px] font-semibold">
              Scorecard
            </h3>
            <ScorecardView onOpenCase={onOpenCase} />
          </section>
        </div>
      </div>
    </Modal>
  );
}
