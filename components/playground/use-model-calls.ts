'use client';

/**
 * Runs model calls for the conversation reducer: builds the body from the settings as they are at that
 * moment (so a Retry after switching the model uses the new model), streams it, and turns what happens
 * into events. The next call of a turn starts by itself when `nextAction` says so, once per ticket;
 * when the settings block it (broken tools), it waits for "Continue".
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type Dispatch } from 'react';
import { buildChatRequest, isChatError, streamChat } from '@/lib/wire/chat-client';
import { nextAction, requestMessages, type ConversationEvent, type ConversationState } from '@/lib/conversation/reducer';
import type { ToolsLint } from '@/lib/tools/lint';
import { settingsProblem, type Settings } from './use-workspace';

interface Options {
  conversation: ConversationState;
  dispatch: Dispatch<ConversationEvent>;
  settings: Settings;
  /** Lints the editor's text as of now (null: not checked yet, so nothing is sent). */
  currentLint: () => ToolsLint | null;
  /** Why a call cannot start with the settings as they are (null when it can). */
  blockReason: string | null;
}

let counter = 0;
function newRequestId(): string {
  counter += 1;
  return `req_${Date.now().toString(36)}${counter.toString(36)}`;
}

export function useModelCalls({ conversation, dispatch, settings, currentLint, blockReason }: Options) {
  const controller = useRef<AbortController | null>(null);
  const latest = useRef({ conversation, settings });
  useLayoutEffect(() => {
    latest.current = { conversation, settings };
  });

  /** Starts the due call; false when the live settings or tools refuse it (the caller holds it). */
  const start = useCallback((): boolean => {
    const { conversation: state, settings: now } = latest.current;
    if (state.activeRequestId) return true;
    const lint = currentLint();
    if (!lint || settingsProblem(now, lint) || !lint.tools) return false;
    const requestId = newRequestId();
    const body = buildChatRequest({ ...now, tools: lint.tools }, requestMessages(state, now.system));
    dispatch({ type: 'requestStarted', requestId, body, at: Date.now() });
    const abort = new AbortController();
    controller.current = abort;
    void streamChat(body, {
      signal: abort.signal,
      onRaw: (text) => dispatch({ type: 'rawReceived', requestId, text }),
      onChunk: (chunk) => dispatch({ type: 'chunkReceived', requestId, chunk, at: Date.now() }),
    }).then((result) => {
      if (controller.current === abort) controller.current = null;
      if (isChatError(result)) dispatch({ type: 'callFailed', requestId, error: result, at: Date.now() });
      else dispatch({ type: 'streamFinished', requestId, at: Date.now(), mocks: latest.current.settings.mocks });
    });
    return true;
  }, [currentLint, dispatch]);

  const stop = useCallback(() => controller.current?.abort(), []);

  const action = nextAction(conversation);
  const ticket = action.type === 'call' ? action.ticket : null;
  const handled = useRef(conversation.ticket);
  const [heldTicket, setHeldTicket] = useState<number | null>(null);
  useEffect(() => {
    if (ticket === null || handled.current === ticket) return;
    handled.current = ticket;
    // The lint shown may lag the editor by a throttle: a refusal of the live text holds the call too.
    if (blockReason || !start()) setHeldTicket(ticket);
  }, [ticket, blockReason, start]);

  useEffect(() => () => controller.current?.abort(), []);

  return {
    start,
    stop,
    streaming: action.type === 'streaming',
    /** A call is due but the settings held it back: the page offers "Continue" once they are fixed. */
    held: ticket !== null && heldTicket === ticket,
  };
}
