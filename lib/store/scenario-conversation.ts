/**
 * A conversation as a scenario saves it (`messages`, typed `results`, the inspector's records) and
 * back. Restoring also says where the conversation stood: a call that was running when the page went
 * away, or that failed, comes back as the conversation's failure, with Retry; so does a conversation
 * that stops where a model call was due (it ends on the person's message, or on every result of a turn).
 * A user message's expectations (its entry's `expect`) are the scenario's `expectations`, by message
 * place, left out when there are none.
 */
import { branchesFromScenario, branchesToScenario, expectationsToScenario, isReplyOf, linkStoredReplies, withExpectations } from '@/lib/conversation/alternatives';
import { storedEntries } from '@/lib/conversation/branches';
import { fromRecords, INTERRUPTED, toRecords } from '@/lib/conversation/records';
import { fromWireMessages, toWireMessages, type ConversationState, type Entry } from '@/lib/conversation/state';
import type { Scenario } from '@/lib/scenario/base';
import type { ChatError } from '@/lib/wire/chat-client';
import { own } from '@/lib/util/json';
import { answerText, mockAnswer, type Mocks } from '@/lib/mocks/mock';

export type ConversationFields = Pick<Scenario, 'messages' | 'results' | 'inspector' | 'alternatives' | 'expectations'>;

/**
 * A result is kept as typed when it is not what the mock offers by itself; a JavaScript mock's result
 * always is (it cannot be worked out again without running it), so the one it gave stays.
 */
export function conversationFields(state: ConversationState, mocks: Readonly<Mocks>): ConversationFields {
  const typed: Array<[string, string]> = [];
  // Typed results of the answers kept aside too: they come back when that answer is shown again.
  for (const entry of [...state.entries, ...storedEntries(state.branches)]) {
    if (entry.kind !== 'assistant') continue;
    for (const card of entry.toolCalls) {
      if (card.state === 'awaiting-result' && card.id && card.result !== answerText(mockAnswer(own(mocks, card.name), card.arguments))) typed.push([card.id, card.result]);
    }
  }
  // fromEntries makes own keys, `__proto__` included (an assignment would set the prototype).
  const fields: ConversationFields = { messages: toWireMessages(state), results: Object.fromEntries(typed), inspector: toRecords(state) };
  // Only when there are some: a scenario without alternatives reads, compares and links as before.
  const alternatives = branchesToScenario(state.entries, state.branches);
  if (alternatives.length) fields.alternatives = alternatives;
  const expectations = expectationsToScenario(state.entries);
  if (expectations.length) fields.expectations = expectations;
  return fields;
}

/** What a restored conversation that stopped where a call was due, with nothing recorded of that call, says. */
export const CALL_DUE: ChatError = {
  status: null,
  kind: 'interrupted',
  message: 'This conversation stops where the model was to be called (the call was interrupted, or never made). Retry to call the model.',
};

export function conversationFromScenario(scenario: Scenario, firstSeq = 0): ConversationState {
  /** A list of messages as entries, with the results typed for their calls (the conversation's, and each kept answer's). */
  const read = (messages: Scenario['messages'], seq: number) => {
    const state = fromWireMessages(messages, scenario.mocks, seq);
    const entries: Entry[] = state.entries.map((entry) =>
      entry.kind === 'assistant' && entry.toolCalls.some((card) => own(scenario.results, card.id) !== undefined)
        ? {
            ...entry,
            toolCalls: entry.toolCalls.map((card) =>
              // The kept result is the card's, not the mock's: the card no longer names a mock (nor runs one).
              card.state === 'awaiting-result' && own(scenario.results, card.id) !== undefined ? { ...card, result: own(scenario.results, card.id)!, mock: null } : card,
            ),
          }
        : entry,
    );
    return { ...state, entries };
  };
  const base = read(scenario.messages, firstSeq);
  const entries = withExpectations(base.entries, scenario.expectations);
  const { branches, seq } = branchesFromScenario(scenario.alternatives, read, base.seq);
  const calls = fromRecords(scenario.inspector, scenario.messages);

  // Each reply goes back with the call that produced it: the entry right after the request's messages
  // (a finished one only if it is that reply: after Regenerate, several calls answered at one place).
  for (const record of scenario.inspector) {
    if (record.messages || !record.reply) continue;
    const at = record.message_count;
    const entry = entries[at];
    if (entry?.kind !== 'assistant' || entry.requestId !== null) continue;
    if (record.status === 'done') {
      if (!scenario.alternatives || isReplyOf(entry, record.reply)) entries[at] = { ...entry, requestId: record.id };
    } else if (entry.toolCalls.length === 0 && entry.content === record.reply.content) {
      entries[at] = { ...entry, requestId: record.id, status: record.status === 'stopped' ? 'stopped' : 'incomplete' };
    }
  }

  linkStoredReplies(branches, scenario.inspector, new Set(entries.flatMap((entry) => (entry.kind === 'assistant' && entry.requestId ? [entry.requestId] : []))));
  const state: ConversationState = { ...base, entries, branches, calls, seq };
  const last = scenario.inspector.at(-1);
  // The last call did not finish, and nothing came after it but its own partial reply.
  if (last && last.status !== 'done' && last.message_count >= scenario.messages.length - 1 && !last.messages) {
    return { ...state, failure: { requestId: last.id, error: last.error ?? INTERRUPTED } };
  }
  if (callDue(entries)) return { ...state, failure: { requestId: null, error: CALL_DUE } };
  return state;
}

/** Whether the next step is a model call: after the person's message, or after every result of a turn. */
function callDue(entries: readonly Entry[]): boolean {
  const last = entries.at(-1);
  if (last?.kind === 'user') return true;
  if (last?.kind !== 'tool') return false;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (entry.kind === 'tool') continue;
    return entry.kind === 'assistant' && entry.toolCalls.every((card) => card.state === 'approved' || card.state === 'rejected');
  }
  return false;
}
