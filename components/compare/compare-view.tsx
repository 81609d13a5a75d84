'use client';

/**
 * Compare's columns side by side, each scrolling on its own; on a narrow screen they sit in a row
 * that swipes (scroll snap), one column and the edge of the next in view. Under them, the diff row:
 * where the columns' tool calls differ in the latest turn.
 */
import { useMemo } from 'react';
import { latestTurn } from '@/lib/compare/turn';
import { columnModel } from '@/lib/store/compare';
import { usePlayground } from '@/components/playground/store-context';
import { DiffRow } from './diff-row';
import { ModelColumn } from './model-column';

interface Props {
  inspected: string;
  onInspect: (conversationId: string) => void;
  onFork?: (conversationId: string, key: string) => void;
}

export function CompareView({ inspected, onInspect, onFork }: Props) {
  const { order, conversations, settings } = usePlayground((s) => ({ order: s.order, conversations: s.conversations, settings: s.settings }));
  const labels = useMemo(() => order.map((id) => columnModel(settings, conversations[id])), [order, conversations, settings]);
  const calls = useMemo(
    () => order.map((id) => latestTurn(conversations[id].state).calls.map((card) => ({ name: card.name, arguments: card.arguments }))),
    [order, conversations],
  );
  return (
    <>
      <div className="flex min-h-0 flex-1 snap-x snap-mandatory overflow-x-auto overscroll-x-contain">
        {order.map((id, index) => (
          <ModelColumn key={id} conversationId={id} index={index} inspected={id === inspected} onInspect={onInspect} onFork={onFork} />
        ))}
      </div>
      <DiffRow labels={labels} calls={calls} />
    </>
  );
}
