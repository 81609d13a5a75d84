'use client';

/**
 * The middle of the page: the system prompt, the template's note, the Compare bar, the conversation
 * (or, comparing, one column per model: components/compare/) with its failure and Retry, the Undo
 * notice of the last change made by hand, and the Message box with Send, Stop and Continue, which act
 * on every column.
 */
import dynamic from 'next/dynamic';
import { isComparing } from '@/lib/store/compare';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { CompareBar } from '@/components/compare/compare-bar';
import { DemoBar, type DemoActions } from '@/components/presenter/demo-bar';
import { ConnectedComposer } from './connected-composer';
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
  /** The step rail's actions: open a call in the inspector, present, replay. */
  demo: DemoActions;
}

export function ChatPanel({ onFork, inspected, onInspect, demo }: Props) {
  const store = usePlaygroundStore();
  const view = usePlayground((s) => ({
    system: s.settings.system,
    templateId: s.session.templateId,
    first: s.order[0],
    comparing: isComparing(s),
  }));
  const actions = store.getState();

  return (
    <>
      <SystemPrompt value={view.system} onChange={(system) => actions.patchSettings({ system })} />
      <TemplateNote templateId={view.templateId} onDismiss={() => actions.setSession({ templateId: null })} />
      <CompareBar />
      {view.comparing ? (
        <CompareView onFork={onFork} inspected={inspected} onInspect={onInspect} />
      ) : (
        <>
          <DemoBar conversationId={view.first} {...demo} />
          <ConversationLog conversationId={view.first} onFork={onFork}>
            <ConversationFailure conversationId={view.first} />
          </ConversationLog>
        </>
      )}
      <UndoNotice />
      <ConnectedComposer />
    </>
  );
}
