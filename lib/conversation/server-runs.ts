/**
 * A tool call run for real on a configured MCP server ("Run on <server>"), as events of the conversation:
 * started, its progress, its result (which becomes the call's Result text: the person approves it or
 * edits it first, unless the tool's policy runs and sends it without asking), or how it failed. Only a
 * call that waits for its result can be run; what the store does with the server is in lib/store.
 */
import type { McpCallResult, McpProgress } from '@/lib/mcp/types';
import { resultText } from '@/lib/mcp/result-text';
import type { ConversationState, ToolCallCard } from './state';

export type { ServerRun } from './state';

export type ServerRunEvent =
  | { type: 'serverRunStarted'; callKey: string; server: string }
  | { type: 'serverRunProgress'; callKey: string; progress: McpProgress }
  | { type: 'serverRunFinished'; callKey: string; result: McpCallResult }
  | { type: 'serverRunFailed'; callKey: string; error: string; cancelled: boolean };

const TYPES = new Set<string>(['serverRunStarted', 'serverRunProgress', 'serverRunFinished', 'serverRunFailed']);

export function isServerRunEvent(event: { type: string }): event is ServerRunEvent {
  return TYPES.has(event.type);
}

function withCard(state: ConversationState, key: string, change: (card: ToolCallCard) => ToolCallCard | null): ConversationState {
  let changed = false;
  const entries = state.entries.map((entry) => {
    if (entry.kind !== 'assistant' || !entry.toolCalls.some((card) => card.key === key)) return entry;
    const toolCalls = entry.toolCalls.map((card) => {
      if (card.key !== key || card.state !== 'awaiting-result') return card;
      const next = change(card);
      if (!next) return card;
      changed = true;
      return next;
    });
    return changed ? { ...entry, toolCalls } : entry;
  });
  return changed ? { ...state, entries } : state;
}

export function applyServerRun(state: ConversationState, event: ServerRunEvent): ConversationState {
  switch (event.type) {
    case 'serverRunStarted':
      return withCard(state, event.callKey, (card) => (card.run?.status === 'running' ? null : { ...card, run: { server: event.server, status: 'running' } }));
    case 'serverRunProgress':
      return withCard(state, event.callKey, (card) => (card.run?.status === 'running' ? { ...card, run: { ...card.run, progress: event.progress } } : null));
    case 'serverRunFinished':
      return withCard(state, event.callKey, (card) =>
        card.run?.status === 'running'
          ? // The real result replaces what the mock offered; the card says where it came from.
            { ...card, result: resultText(event.result), mock: null, run: { server: card.run.server, status: event.result.isError ? 'failed' : 'done', result: event.result } }
          : null,
      );
    case 'serverRunFailed':
      return withCard(state, event.callKey, (card) =>
        card.run?.status === 'running' ? { ...card, run: { server: card.run.server, status: event.cancelled ? 'cancelled' : 'failed', error: event.error } } : null,
      );
  }
}

/** A run still going when its call is answered (Approve, Reject): the store cancels it; the card says so. */
export function runEndedByAnswer(card: ToolCallCard): Partial<ToolCallCard> {
  return card.run?.status === 'running' ? { run: { server: card.run.server, status: 'cancelled', error: 'Cancelled: the call was answered before the run finished.' } } : {};
}
