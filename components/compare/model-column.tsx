'use client';

/**
 * One model column of Compare: a `region` named by its model id, with its header (the column's Model
 * picker, the latest turn's numbers and verdicts, Continue with this one, Remove) over its own
 * conversation, which scrolls on its own. Pointing at or focusing the column shows its calls in the
 * inspector.
 */
import { useMemo } from 'react';
import { checksVerdict, latestTurn } from '@/lib/compare/turn';
import type { TurnVerdict } from '@/lib/evaluate/types';
import { matchTurn } from '@/lib/evaluate/match';
import { closeProblem, columnExpectation, columnModel, MIN_COLUMNS } from '@/lib/store/compare';
import { checkToolArgumentsIfLoaded } from '@/lib/tools/arguments';
import { ConversationFailure } from '@/components/chat/conversation-failure';
import { ConversationLog } from '@/components/chat/conversation-log';
import { ENGINE_FAILED, useSchemaEngine } from '@/components/chat/use-arguments-check';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { ModelPicker } from '@/components/settings/model-picker';
import { useModelList } from '@/components/settings/use-models';
import { ColumnHeader } from './column-header';

interface Props {
  conversationId: string;
  /** Its place, from 0. */
  index: number;
  inspected: boolean;
  onInspect: (conversationId: string) => void;
  onFork?: (conversationId: string, key: string) => void;
}

export function ModelColumn({ conversationId, index, inspected, onInspect, onFork }: Props) {
  const store = usePlaygroundStore();
  const view = usePlayground((s) => {
    const slot = s.conversations[conversationId];
    return {
      model: columnModel(s.settings, slot),
      // Two columns may call the same model: their regions then also say which column each is.
      shared: s.order.filter((id) => columnModel(s.settings, s.conversations[id]) === columnModel(s.settings, slot)).length > 1,
      state: slot.state,
      tools: s.tools.lint.tools ?? s.tools.lastValid,
      expectation: columnExpectation(s, conversationId),
      closeProblem: closeProblem(s, [conversationId]),
      removeProblem: s.order.length <= MIN_COLUMNS ? `Compare needs ${MIN_COLUMNS} columns: leave Compare, or Continue with one, instead` : null,
    };
  });
  const models = useModelList();
  const engine = useSchemaEngine(true);
  const turn = useMemo(() => latestTurn(view.state), [view.state]);
  const checks = useMemo(
    () =>
      checksVerdict(turn.calls, (card) =>
        engine === 'failed' ? { ok: false, summary: ENGINE_FAILED, problems: [ENGINE_FAILED] } : engine === 'loaded' ? checkToolArgumentsIfLoaded(view.tools, card.name, card.arguments) : null,
      ),
    [turn.calls, engine, view.tools],
  );
  const expectations = useMemo((): TurnVerdict | null => {
    if (!view.expectation) return null;
    return matchTurn(view.expectation, { calls: turn.calls.map((card) => ({ name: card.name, arguments: card.arguments })), answer: turn.answer }, view.tools);
  }, [view.expectation, turn, view.tools]);

  const actions = store.getState();
  return (
    <section
      aria-label={view.shared ? `${view.model} (column ${index + 1})` : view.model}
      onFocusCapture={() => onInspect(conversationId)}
      onPointerDown={() => onInspect(conversationId)}
      className={`flex min-h-0 w-[88vw] min-w-[17rem] shrink-0 snap-start flex-col border-t-2 border-r border-r-zinc-200 bg-zinc-50 last:border-r-0 sm:w-[22rem] lg:w-auto lg:flex-1 dark:border-r-zinc-800 dark:bg-zinc-950 ${inspected ? 'border-t-indigo-500' : 'border-t-transparent'}`}
    >
      <ColumnHeader
        model={view.model}
        picker={
          <ModelPicker
            label={`Model of column ${index + 1}`}
            value={view.model}
            onChange={(model) => actions.setColumnModel(conversationId, model)}
            models={models.models}
            keyConfigured={models.keyConfigured}
            loadError={models.loadError}
          />
        }
        turn={turn}
        checks={checks}
        expectations={expectations}
        inspected={inspected}
        onContinue={() => actions.continueWith(conversationId)}
        onRemove={() => actions.removeColumn(conversationId)}
        closeProblem={view.closeProblem}
        removeProblem={view.removeProblem}
      />
      <ConversationLog conversationId={conversationId} onFork={onFork}>
        <ConversationFailure conversationId={conversationId} />
      </ConversationLog>
    </section>
  );
}
