'use client';

/**
 * The "Compare" toggle (turns the chat into model columns, or back) and, while comparing, "Add model"
 * (up to MAX_COLUMNS; it says why not past that). A new column calls a model not yet in a column:
 * another simulator first, so a page without a key compares at once; its picker changes it.
 */
import { useState } from 'react';
import { isSimulatorModel } from '@/lib/wire/models';
import { closeProblem, columnModel, isComparing, MAX_COLUMNS } from '@/lib/store/compare';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { useModels } from '@/components/settings/use-models';
import { Button } from '@/components/ui/controls';

/** A model for a new column: an available one no column calls, simulators first; else the first column's. */
export function nextModel(used: readonly string[], models: ReadonlyArray<{ id: string; available: boolean }> | undefined): string {
  const free = (models ?? []).filter((model) => model.available && !used.includes(model.id));
  return (free.find((model) => isSimulatorModel(model.id)) ?? free[0])?.id ?? used[0];
}

export function CompareBar() {
  const store = usePlaygroundStore();
  const models = useModels().data?.data;
  const [problem, setProblem] = useState<string | null>(null);
  const view = usePlayground((s) => ({
    comparing: isComparing(s),
    columns: s.order.length,
    used: s.order.map((id) => columnModel(s.settings, s.conversations[id])).join('\n'),
    closeProblem: closeProblem(s, s.order),
  }));
  const used = view.used.split('\n');
  const full = view.columns >= MAX_COLUMNS;

  const toggle = () => {
    const state = store.getState();
    if (!view.comparing) state.startCompare(nextModel(used, models));
    else if (!state.leaveCompare()) return setProblem(`Not left: ${view.closeProblem ?? 'nothing to leave'}.`);
    setProblem(null);
  };

  return (
    <div className="flex shrink-0 flex-wrap items-center gap-2 border-b border-zinc-200 bg-white px-3 py-1.5 dark:border-zinc-800 dark:bg-zinc-900">
      <Button
        size="sm"
        variant={view.comparing ? 'primary' : 'secondary'}
        aria-pressed={view.comparing}
        onClick={toggle}
        title={view.comparing ? 'Back to one conversation: the first column’s (Undo brings the others back)' : 'Send each message to several models side by side'}
      >
        Compare
      </Button>
      {view.comparing ? (
        <>
          <Button size="sm" variant="secondary" disabled={full} onClick={() => store.getState().addColumn(nextModel(used, models))}>
            Add model
          </Button>
          {full ? (
            <span className="text-xs text-zinc-600 dark:text-zinc-400">At most {MAX_COLUMNS} columns: remove one to add another.</span>
          ) : (
            <span className="hidden text-xs text-zinc-600 sm:inline dark:text-zinc-400">Send goes to each column; a new column starts with an empty conversation.</span>
          )}
        </>
      ) : (
        <span className="hidden text-xs text-zinc-600 sm:inline dark:text-zinc-400">Compare models side by side on the same messages.</span>
      )}
      {problem ? (
        <span role="alert" className="text-xs text-rose-700 dark:text-rose-300">
          {problem}
        </span>
      ) : null}
    </div>
  );
}
