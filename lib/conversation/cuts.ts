/** Cuts of the conversation: a replay going live at a point (cutTo), and a fork's copy up to a message (forkedCopy). */
import { answerText } from '@/lib/mocks/mock';
import { branchesWithin, storedEntries } from './branches';
import { messageExtent, resultEntries } from './extents';
import { initialConversation, type ConversationState, type Entry, type ToolCallCard } from './state';

/**
 * A replay going live: the conversation up to `count` entries; the calls whose results it drops wait for a
 * result again (the one they had stays in their editor); `call`: the model is called then.
 */
export function cutTo(state: ConversationState, count: number, call: boolean): ConversationState {
  if (!Number.isInteger(count) || count < 0 || count > state.entries.length) return state;
  if (count === state.entries.length && !call) return state;
  // Each call's own result, as the cards show them (an id a later call reuses is not that call's result).
  const results = resultEntries(state.entries);
  const kept = (card: ToolCallCard) => (results.get(card.key) ?? count) < count;
  const entries = state.entries.slice(0, count).map((entry): Entry => {
    if (entry.kind !== 'assistant' || entry.toolCalls.every((card) => card.state === 'awaiting-result' || kept(card))) return entry;
    const toolCalls = entry.toolCalls.map((card) =>
      (card.state === 'approved' || card.state === 'rejected') && !kept(card) ? { ...card, state: 'awaiting-result' as const, result: card.state === 'rejected' ? answerText(card.mock ?? null) : card.result } : card,
    );
    return { ...entry, toolCalls };
  });
  return { ...state, entries, branches: branchesWithin(state.branches, count), failure: null, pendingCall: call, ticket: call ? state.ticket + 1 : state.ticket };
}

/** The conversation up to the message `key` (and its results), its branches there, and the model calls its entries came from. */
export function forkedCopy(state: ConversationState, key: string): ConversationState {
  const index = state.entries.findIndex((e) => e.key === key);
  if (index === -1) return state;
  const end = messageExtent(state.entries, index) + 1;
  const entries = state.entries.slice(0, end);
  const branches = branchesWithin(state.branches, end);
  const from = new Set([...entries, ...storedEntries(branches)].flatMap((entry) => (entry.kind === 'assistant' && entry.requestId ? [entry.requestId] : [])));
  return {
    ...initialConversation,
    entries,
    branches,
    calls: state.calls.filter((call) => from.has(call.requestId)),
    ticket: state.ticket,
    seq: state.seq,
  };
}
