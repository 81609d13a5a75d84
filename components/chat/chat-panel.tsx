'use client';

/**
 * The middle of the page: the system prompt, the template's note, the Compare bar, the conversation
 * (or, comparing, one column per model: components/compare/) with its failure and Retry, the Undo
 * notice of the last change made by hand, and the Message box with Send, Stop and Continue, which act
 * on every column.
 */
import dynamic from 'next/dynamic';
import { composerReason, isStreaming } from '@/lib/store/selectors';
import { columnModel, isComparing } from '@/lib/store/compare';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { CompareBar } from '@/components/compare/compare-bar';
import { Composer } from './composer';
import { ConversationFailure } from './conversation-failure';
import { ConversationLog } from './conversation-log';
import { SystemPrompt } from './system-prompt';
import { TemplateNote } from './template-note';
import { UndoNotice } from './undo-notice';

/** The columns load the first time the page compares (their matcher and checks stay off the first load). */
const CompareView = dynamic(() => import('@/components/compare/compare-view').then((m) => m.CompareView), {
  loading: () => <p className="flex-1 p-4 text-sm text-zinc-600 dark:text-zinc-400">Loading the columns…</p>,
});

interface Props {
  onFork?: (conversationId: string, key: string) => void;
  /** The column whose calls the inspector shows (Compare). */
  inspected: string;
  onInspect: (conversationId: string) => void;
}

export function ChatPanel({ onFork, inspected, onInspect }: Props) {
  const store = usePlaygroundStore();
  const view = usePlayground((s) => {
    const comparing = isComparing(s);
    // The composer says the first reason any column has (naming the column's model when comparing).
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
      system: s.settings.system,
      draft: s.settings.draft,
      templateId: s.session.templateId,
      first: s.order[0],
      comparing,
      streaming: s.order.some((id) => isStreaming(s.conversations[id])),
      held: s.order.some((id) => s.conversations[id].held),
      // Plain values: the slice is compared field by field.
      reasonText: reason?.text ?? null,
      reasonTone: reason?.tone ?? null,
    };
  });
  const actions = store.getState();

  return (
    <>
      <SystemPrompt value={view.system} onChange={(system) => actions.patchSettings({ system })} />
      <TemplateNote templateId={view.templateId} onDismiss={() => actions.setSession({ templateId: null })} />
      <CompareBar />
      {view.comparing ? (
        <CompareView onFork={onFork} inspected={inspected} onInspect={onInspect} />
      ) : (
        <ConversationLog conversationId={view.first} onFork={onFork}>
          <ConversationFailure conversationId={view.first} />
        </ConversationLog>
      )}
      <UndoNotice />
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
      />
    </>
  );
}
