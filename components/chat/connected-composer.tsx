'use client';

/**
 * The Message box wired to the store: Send, Stop and Continue act on every column, and the reason
 * Send is refused is the first any column has (naming its model when comparing). The chat panel and
 * the presenter view both use it.
 */
import { composerReason, isStreaming } from '@/lib/store/selectors';
import { columnModel, isComparing } from '@/lib/store/compare';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { Composer } from './composer';

export function ConnectedComposer({ large = false }: { large?: boolean }) {
  const store = usePlaygroundStore();
  const view = usePlayground((s) => {
    const comparing = isComparing(s);
    let reason: ReturnType<typeof composerReason> = null;
    for (const id of s.order) {
      const slot = s.conversations[id];
      const found = composerReason(s, slot);
      if (found) {
        reason = comparing ? { ...found, text: `${columnModel(s.settings, slot)}: ${found.text}` } : found;
        break;
      }
    }
    return {
      draft: s.settings.draft,
      streaming: s.order.some((id) => isStreaming(s.conversations[id])),
      held: s.order.some((id) => s.conversations[id].held),
      // Plain values: the slice is compared field by field.
      reasonText: reason?.text ?? null,
      reasonTone: reason?.tone ?? null,
    };
  });
  const actions = store.getState();
  return (
    <Composer
      draft={view.draft}
      onDraft={(draft) => actions.patchSettings({ draft })}
      onSend={() => void actions.send()}
      onStop={() => actions.stop()}
      onContinue={() => {
        for (const id of store.getState().order) if (store.getState().conversations[id].held) actions.continueCall(id);
      }}
      streaming={view.streaming}
      reason={view.reasonText && view.reasonTone ? { text: view.reasonText, tone: view.reasonTone } : null}
      held={view.held}
      large={large}
    />
  );
}
