/**
 * The conversation as a workbench, in the store: edit a message, a call's arguments or result, delete
 * a message or a call, run from a message, regenerate an answer and page between answers, fork, and
 * set a user message's expectations. Each is one change the store keeps for Undo (`change`), made by
 * the pure edits of lib/conversation/edits.ts; none while that conversation's reply streams.
 */
import type { StoreApi } from 'zustand/vanilla';
import { applyEvent, messageExtent, resultEntries, type ConversationEvent } from '@/lib/conversation/reducer';
import type { ConversationState, Entry } from '@/lib/conversation/state';
import type { TurnExpectation } from '@/lib/evaluate/types';
import { MAX_NAME_CHARS, type Scenario } from '@/lib/scenario/base';
import { plural } from '@/lib/util/words';
import { conversationFields } from './scenario-conversation';
import type { ConversationSlot, OpenedWork, PlaygroundData, WorkSnapshot } from './types';

export interface WorkbenchActions {
  // Each returns whether it changed anything (nothing while that conversation's reply streams: Stop
  // first) and can be undone.
  /** A message's text (user, system, assistant, tool); `run`: then Run from here, as one change. */
  editMessage(conversationId: string, key: string, text: string, options?: { run?: boolean }): boolean;
  editCallArguments(conversationId: string, callKey: string, text: string): boolean;
  /** The result of an answered call (what went back to the model, and goes in later requests). */
  editCallResult(conversationId: string, callKey: string, text: string): boolean;
  /** A message, with its calls' results when it is an assistant message. */
  deleteMessage(conversationId: string, key: string): boolean;
  /** A tool call with its result. */
  deleteCall(conversationId: string, callKey: string): boolean;
  /** Cuts the conversation after the message (and its results) and calls the model. */
  runFromHere(conversationId: string, key: string): boolean;
  /**
   * Keeps the first `count` entries (a replay going live at a step); `call`: the model is called from
   * there. Calls whose results are cut wait for a result again.
   */
  cutTo(conversationId: string, count: number, call: boolean): boolean;
  /** The same request again; the old answer is kept as an alternative. */
  regenerate(conversationId: string, key: string): boolean;
  /** The branch at entry `at` shows its answer `index` (0-based). Not a change Undo takes back: page back. */
  showAnswer(conversationId: string, at: number, index: number): boolean;
  /**
   * Opens the conversation up to that message as a new, unsaved scenario (the settings and tools as
   * they are). Undo brings the work back as it was; the page saves it to the Library first when it is
   * not saved, so it is never lost.
   */
  fork(conversationId: string, key: string): boolean;
  /** A user message's expectations (null: none); lib/store/expectations.ts says how a scenario keeps them. */
  setExpectation(conversationId: string, key: string, expect: TurnExpectation | null): boolean;
}

/** What the workbench needs of the store beyond its state and public actions. */
export interface WorkbenchInternals {
  /** Applies a change by hand to one conversation, kept for Undo; false when it changed nothing. */
  change: (id: string, events: ConversationEvent[], label: (before: ConversationState, after: ConversationState) => string, focusKey: string | null) => boolean;
  setSlot: (id: string, change: (slot: ConversationSlot) => Partial<ConversationSlot>) => void;
  snapshot: () => WorkSnapshot;
}

type Store<S> = { get: StoreApi<S>['getState']; set: StoreApi<S>['setState'] };

/** A fork's name: the scenario's, marked. */
export function forkName(name: string): string {
  const suffix = ' (fork)';
  return `${name.slice(0, MAX_NAME_CHARS - suffix.length)}${suffix}`;
}

/** How a message is named in an Undo notice. */
function messageName(entry: Entry): string {
  if (entry.kind === 'user') return 'your message';
  if (entry.kind === 'assistant') return 'the answer';
  if (entry.kind === 'tool') return 'the tool result';
  return entry.message.role === 'developer' ? 'the developer message' : 'the system message';
}

export function createWorkbenchActions<S extends PlaygroundData & { openUndoable(work: OpenedWork, label: string): void }>(
  { get }: Store<S>,
  { change, setSlot, snapshot }: WorkbenchInternals,
): WorkbenchActions {
  const entryOf = (id: string, key: string): Entry | undefined => get().conversations[id]?.state.entries.find((e) => e.key === key);
  const cardOf = (id: string, callKey: string) => {
    for (const entry of get().conversations[id]?.state.entries ?? []) {
      if (entry.kind !== 'assistant') continue;
      const card = entry.toolCalls.find((c) => c.key === callKey);
      if (card) return { entry, card };
    }
    return undefined;
  };
  /** How many entries a cut after the message `key` (and its results) takes off. */
  const cutCount = (state: ConversationState, key: string) => {
    const index = state.entries.findIndex((e) => e.key === key);
    return index === -1 ? 0 : state.entries.length - messageExtent(state.entries, index) - 1;
  };

  return {
    editMessage: (id, key, text, { run = false } = {}) => {
      const entry = entryOf(id, key);
      if (!entry) return false;
      const events: ConversationEvent[] = [{ type: 'messageEdited', key, text }];
      if (run) events.push({ type: 'ranFromHere', key });
      return change(
        id,
        events,
        (before) => {
          const cut = run ? cutCount(before, key) : 0;
          return run
            ? `Edited ${messageName(entry)} and ran the model from it${cut ? ` (${plural(cut, 'later message')} removed)` : ''}`
            : `Edited ${messageName(entry)}`;
        },
        key,
      );
    },

    editCallArguments: (id, callKey, text) => {
      const found = cardOf(id, callKey);
      if (!found) return false;
      return change(id, [{ type: 'callArgumentsEdited', callKey, text }], () => `Edited the arguments of ${found.card.name || 'the call'}`, found.entry.key);
    },

    editCallResult: (id, callKey, text) => {
      const found = cardOf(id, callKey);
      if (!found) return false;
      return change(id, [{ type: 'callResultEdited', callKey, text }], () => `Edited the result of ${found.card.name || 'the call'}`, found.entry.key);
    },

    deleteMessage: (id, key) => {
      const entry = entryOf(id, key);
      if (!entry) return false;
      return change(
        id,
        [{ type: 'messageDeleted', key }],
        (before) => {
          if (entry.kind !== 'assistant') return `Deleted ${messageName(entry)}`;
          const results = resultEntries(before.entries);
          const answered = entry.toolCalls.filter((card) => results.has(card.key)).length;
          return `Deleted the answer${answered ? ` and ${answered === 1 ? 'its tool result' : `its ${answered} tool results`}` : ''}`;
        },
        null,
      );
    },

    deleteCall: (id, callKey) => {
      const found = cardOf(id, callKey);
      if (!found) return false;
      const answered = found.card.state === 'approved' || found.card.state === 'rejected';
      return change(id, [{ type: 'callDeleted', callKey }], () => `Deleted the call to ${found.card.name || 'a tool'}${answered ? ' and its result' : ''}`, null);
    },

    runFromHere: (id, key) => {
      const entry = entryOf(id, key);
      if (!entry) return false;
      return change(
        id,
        [{ type: 'ranFromHere', key }],
        (before) => {
          const cut = cutCount(before, key);
          return `Ran the model from ${messageName(entry)}${cut ? ` (${plural(cut, 'later message')} removed)` : ''}`;
        },
        key,
      );
    },

    cutTo: (id, count, call) =>
      change(
        id,
        [{ type: 'cutTo', count, call }],
        (before) => {
          const cut = before.entries.length - count;
          return `Went live from this step${call ? ' and called the model' : ''}${cut ? ` (${plural(cut, 'later message')} removed)` : ''}`;
        },
        null,
      ),

    regenerate: (id, key) => {
      const index = get().conversations[id]?.state.entries.findIndex((e) => e.key === key) ?? -1;
      return change(
        id,
        [{ type: 'regenerated', key }],
        (_before, after) => {
          const branch = after.branches.find((b) => b.at === index);
          if (!branch) return 'Regenerated the answer';
          const kept = branch.others.length;
          return `Regenerated the answer; ${kept === 1 ? 'the earlier one is kept — ‹ on the answer shows it' : `the ${kept} earlier ones are kept — ‹ on the answer shows them`}`;
        },
        null,
      );
    },

    showAnswer: (id, at, index) => {
      const current = get().conversations[id];
      if (!current) return false;
      const state = applyEvent(current.state, { type: 'answerShown', at, index });
      if (state === current.state) return false;
      setSlot(id, () => ({ state, held: false }));
      return true;
    },

    fork: (id, key) => {
      const data = get();
      const current = data.conversations[id];
      if (!current || data.order.some((other) => data.conversations[other].state.activeRequestId)) return false;
      const copy = applyEvent(current.state, { type: 'forked', key });
      if (copy === current.state) return false;
      // A fork is one conversation: Compare's other columns stay with the work it came from.
      const { alternatives: _none, expectations: _theCopys, columns: _columns, ...scenario } = snapshot().scenario;
      const name = forkName(scenario.name);
      const forked: Scenario = { ...scenario, name, model: current.model ?? scenario.model, draft: '', ...conversationFields(copy, data.settings.mocks) };
      get().openUndoable(
        { scenario: forked, toolsText: data.tools.text, session: { savedId: null, savedAt: null, templateId: data.session.templateId, baseline: null } },
        `Forked “${scenario.name}” into “${name}”, a new scenario not yet saved`,
      );
      return true;
    },

    setExpectation: (id, key, expect) =>
      change(id, [{ type: 'expectationSet', key, expect }], () => (expect ? 'Set the expectations of your message' : 'Removed the expectations of your message'), key),
  };
}
