/**
 * The branches (branches.ts) as a scenario keeps them, `alternatives`, and back. A scenario counts
 * places in messages, the state in entries; they are the same but where an entry sends no message (a
 * reply cut off before any text), so places are translated on the way out. On the way in each version's
 * messages become entries as the conversation's do (the caller's `toState`, with the mocks and typed
 * results), their keys continuing the conversation's so that no two entries share one.
 */
import type { InspectorRecord } from './records';
import type { AssembledMessage, Branch, BranchVersion, ConversationState, Entry } from './state';
import { initialConversation, toWireMessages } from './state';
import type { ScenarioBranch, ScenarioVersion, TurnExpectationAt } from '@/lib/scenario/base';

/** Whether an entry is sent as a message (as toWireMessages decides). */
function sendsMessage(entry: Entry): boolean {
  if (entry.kind !== 'assistant' || entry.status === 'done') return true;
  return entry.status !== 'streaming' && Boolean(entry.content);
}

/** For each place 0…entries.length, how many messages the entries before it send. */
export function messagePlaces(entries: readonly Entry[]): number[] {
  const places = [0];
  for (const entry of entries) places.push(places.at(-1)! + (sendsMessage(entry) ? 1 : 0));
  return places;
}

/**
 * The user messages' expectations (a user entry's `expect`) as a scenario keeps them: `at` is the
 * message's place among these entries' messages. Empty when there are none.
 */
export function expectationsToScenario(entries: readonly Entry[]): TurnExpectationAt[] {
  const places = messagePlaces(entries);
  return entries.flatMap((entry, i) => (entry.kind === 'user' && entry.expect ? [{ at: places[i], expect: entry.expect }] : []));
}

/**
 * Entries read from messages (one entry per message, as fromWireMessages reads them) with their
 * expectations put back. A place that is not a user message was already dropped when the scenario was read.
 */
export function withExpectations(entries: Entry[], expectations: readonly TurnExpectationAt[] | undefined): Entry[] {
  if (!expectations?.length) return entries;
  const byPlace = new Map(expectations.map((item) => [item.at, item.expect]));
  return entries.map((entry, i) => {
    const expect = byPlace.get(i);
    return expect && entry.kind === 'user' ? { ...entry, expect } : entry;
  });
}

function messagesOf(entries: Entry[]) {
  return toWireMessages({ ...initialConversation, entries });
}

/** The branches of these entries as a scenario's `alternatives` (empty: none). */
export function branchesToScenario(entries: readonly Entry[], branches: readonly Branch[]): ScenarioBranch[] {
  const places = messagePlaces(entries);
  const out: ScenarioBranch[] = [];
  for (const branch of branches) {
    const at = places[Math.min(branch.at, entries.length)];
    if (out.at(-1)?.at === at) continue;
    const others: ScenarioVersion[] = [];
    let current = 0;
    branch.others.forEach((version, i) => {
      const messages = messagesOf(version.entries);
      const alternatives = branchesToScenario(version.entries, version.branches);
      if (!messages.length && !alternatives.length) return;
      if (i < branch.current) current += 1;
      // Expectations of the person's messages in a kept answer's tail come back with it.
      const expectations = expectationsToScenario(version.entries);
      others.push({ messages, ...(alternatives.length ? { alternatives } : {}), ...(expectations.length ? { expectations } : {}) });
    });
    if (others.length) out.push({ at, current, others });
  }
  return out;
}

/** A scenario's `alternatives` as branches; `toState` reads a version's messages from the key number given. */
export function branchesFromScenario(
  alternatives: readonly ScenarioBranch[] | undefined,
  toState: (messages: ScenarioVersion['messages'], firstSeq: number) => Pick<ConversationState, 'entries' | 'seq'>,
  firstSeq: number,
): { branches: Branch[]; seq: number } {
  let seq = firstSeq;
  const read = (list: readonly ScenarioBranch[] | undefined): Branch[] =>
    (list ?? []).map((branch) => ({
      at: branch.at,
      current: branch.current,
      others: branch.others.map((version): BranchVersion => {
        const state = toState(version.messages, seq);
        seq = state.seq;
        return { entries: withExpectations(state.entries, version.expectations), branches: read(version.alternatives) };
      }),
    }));
  const branches = read(alternatives);
  return { branches, seq };
}

/** Whether an entry is the reply a record kept (its text and its calls' ids). */
export function isReplyOf(entry: Entry, reply: AssembledMessage | null): boolean {
  if (entry.kind !== 'assistant' || !reply) return false;
  const ids = (reply.tool_calls ?? []).map((call) => call.id);
  return entry.content === (reply.content ?? null) && entry.toolCalls.length === ids.length && entry.toolCalls.every((card, i) => card.id === ids[i]);
}

/** Where a record's reply went: the number of conversation messages its request carried. */
function replyPlace(record: InspectorRecord): number {
  if (!record.messages) return record.message_count;
  return record.messages.filter((message, i) => !(i === 0 && message.role === 'system')).length;
}

/**
 * The stored versions' answers get back the model call each came from (the inspector's records), as
 * the conversation's do, so their model shows again: the finished call whose reply is that answer, at
 * that place, and not already another entry's (`used`, which grows). Changes the freshly read branches in place.
 */
export function linkStoredReplies(branches: Branch[], records: readonly InspectorRecord[], used: Set<string>, offset = 0): void {
  for (const branch of branches) {
    for (const version of branch.others) {
      const start = offset + branch.at;
      version.entries = version.entries.map((entry, i) => {
        if (entry.kind !== 'assistant' || entry.requestId !== null) return entry;
        const record = records.find((r) => r.status === 'done' && !used.has(r.id) && replyPlace(r) === start + i && isReplyOf(entry, r.reply));
        if (!record) return entry;
        used.add(record.id);
        return { ...entry, requestId: record.id };
      });
      linkStoredReplies(version.branches, records, used, start);
    }
  }
}
