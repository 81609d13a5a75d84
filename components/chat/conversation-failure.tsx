'use client';

/**
 * One conversation's failure, under its messages: the alert with Retry (call-failure.tsx). When the
 * access cookie expired mid-session, it asks for the token again (the gate watches the model list).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { blockReason, isStreaming } from '@/lib/store/selectors';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { MODELS_QUERY_KEY } from '@/components/settings/use-models';
import { CallFailure } from './call-failure';

export function ConversationFailure({ conversationId }: { conversationId: string }) {
  const store = usePlaygroundStore();
  const view = usePlayground((s) => {
    const slot = s.conversations[conversationId];
    const { failure } = slot.state;
    return {
      failure,
      partial: failure ? slot.state.entries.some((e) => e.kind === 'assistant' && e.requestId !== null && e.requestId === failure.requestId) : false,
      disabled: blockReason(s, slot.state, slot.model) !== null || isStreaming(slot),
    };
  });
  const queryClient = useQueryClient();
  const failureCode = view.failure?.error.code;
  useEffect(() => {
    if (failureCode === 'access_token_required') void queryClient.invalidateQueries({ queryKey: MODELS_QUERY_KEY });
  }, [failureCode, queryClient]);
  if (!view.failure) return null;
  return <CallFailure error={view.failure.error} partial={view.partial} onRetry={() => store.getState().retry(conversationId)} disabled={view.disabled} />;
}
