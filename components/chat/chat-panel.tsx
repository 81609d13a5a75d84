'use client';

/**
 * The middle of the page for one conversation: the system prompt, the template's note, the
 * conversation with its failure (and Retry), the Undo notice of the last change made by hand, and the
 * Message box with Send, Stop and Continue.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { composerReason, blockReason, isStreaming } from '@/lib/store/selectors';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { MODELS_QUERY_KEY } from '@/components/settings/use-models';
import { CallFailure } from './call-failure';
import { Composer } from './composer';
import { ConversationLog } from './conversation-log';
import { SystemPrompt } from './system-prompt';
import { TemplateNote } from './template-note';
import { UndoNotice } from './undo-notice';

export function ChatPanel({ conversationId, onFork }: { conversationId: string; onFork?: (conversationId: string, key: string) => void }) {
  const store = usePlaygroundStore();
  const view = usePlayground((s) => {
    const slot = s.conversations[conversationId];
    const reason = composerReason(s, slot);
    return {
      system: s.settings.system,
      draft: s.settings.draft,
      templateId: s.session.templateId,
      failure: slot.state.failure,
      partial: slot.state.failure
        ? slot.state.entries.some((e) => e.kind === 'assistant' && e.requestId !== null && e.requestId === slot.state.failure?.requestId)
        : false,
      streaming: isStreaming(slot),
      held: slot.held,
      blocked: blockReason(s, slot.state) !== null,
      // Plain values: the slice is compared field by field.
      reasonText: reason?.text ?? null,
      reasonTone: reason?.tone ?? null,
    };
  });
  const actions = store.getState();

  // The access cookie expired mid-session: ask for the token again (the gate watches the model list).
  const queryClient = useQueryClient();
  const failureCode = view.failure?.error.code;
  useEffect(() => {
    if (failureCode === 'access_token_required') void queryClient.invalidateQueries({ queryKey: MODELS_QUERY_KEY });
  }, [failureCode, queryClient]);

  return (
    <>
      <SystemPrompt value={view.system} onChange={(system) => actions.patchSettings({ system })} />
      <TemplateNote templateId={view.templateId} onDismiss={() => actions.setSession({ templateId: null })} />
      <ConversationLog conversationId={conversationId} onFork={onFork}>
        {view.failure ? (
          <CallFailure
            error={view.failure.error}
            partial={view.partial}
            onRetry={() => actions.retry(conversationId)}
            disabled={view.blocked || view.streaming}
          />
        ) : null}
      </ConversationLog>
      <UndoNotice />
      <Composer
        draft={view.draft}
        onDraft={(draft) => actions.patchSettings({ draft })}
        onSend={() => void actions.send()}
        onStop={() => actions.stop(conversationId)}
        onContinue={() => void actions.continueCall(conversationId)}
        streaming={view.streaming}
        reason={view.reasonText && view.reasonTone ? { text: view.reasonText, tone: view.reasonTone } : null}
        held={view.held}
      />
    </>
  );
}
