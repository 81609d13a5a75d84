'use client';

/**
 * Compare's columns side by side, each scrolling on its own, the diff row under them (where the
 * columns' tool calls differ in the latest turn). On a narrow screen the columns sit in a row that
 * swipes (scroll snap), one column and the edge of the next in view, each most of the screen tall;
 * the diff row follows them, the whole scrolling up and down.
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
    <div className="flex min-h-0 flex-1 flex-col overflow-y-auto lg:overflow-hidden">
      <div className="flex h-[72dvh] shrink-0 snap-x snap-mandatory overflow-x-auto overscroll-x-contain lg:h-auto lg:min-h-0 lg:flex-1">
        {order.map((id, index) => (
          <ModelColumn key={id} conversationId={id} index={index} inspected={id === inspected} onInspect={onInspect} onFork={onFork} />
        ))}
      </div>
      <DiffRow labels={labels} calls={calls} />
    </div>
  );
}
