/**
 * Compare in the playground store: the model columns are the store's conversations, in `order`; the
 * first is the scenario's own (its model is the scenario's `model`, `slot.model` null), the others
 * have their own model. Compare is on while there are two columns or more. Closing columns (Remove,
 * leaving Compare, "Continue with this one") is a change Undo takes back; a result can be answered
 * once for every column that made the same call. The columns are saved with the scenario
 * (`columns`, lib/scenario/base.ts), so a reload or a saved scenario brings them back.
 */
import type { StoreApi } from 'zustand/vanilla';
import { MAX_COLUMNS, type Scenario, type ScenarioColumn } from '@/lib/scenario/base';
import type { Mocks } from '@/lib/mocks/mock';
import { matchingCalls, type ColumnCalls } from '@/lib/compare/match';
import type { ConversationState, Entry } from '@/lib/conversation/state';
import type { TurnExpectation } from '@/lib/evaluate/types';
import { conversationFields, conversationFromScenario } from './scenario-conversation';
import type { ConversationSlot, PlaygroundData, Settings, WorkBefore } from './types';

export { MAX_COLUMNS };
/** Compare needs two columns at least: with one it is the plain chat. */
export const MIN_COLUMNS = 2;

export interface CompareActions {
  /** Turns the chat into two columns, the second calling `model`; false when already comparing. */
  startCompare(model: string): boolean;
  /** One more column calling `model`; null at MAX_COLUMNS. */
  addColumn(model: string): string | null;
  /** The model a column calls (the first column's is the scenario's model). */
  setColumnModel(conversationId: string, model: string): void;
  /** Closes a column (down to MIN_COLUMNS); false when it cannot now. Undo brings it back. */
  removeColumn(conversationId: string): boolean;
  /** Ends Compare keeping the first column's conversation; Undo brings the others back. */
  leaveCompare(): boolean;
  /** Ends Compare keeping this column's conversation and model as the scenario's; Undo brings the others back. */
  continueWith(conversationId: string): boolean;
  /**
   * Approves (or rejects) a call with its result, and the same call (same function and arguments) in
   * every other column that waits for its result there, with the same result. The number of columns answered.
   */
  answerAll(conversationId: string, callKey: string, verdict: 'approve' | 'reject'): number;
}

/** What the compare actions need of the store that they do not find in its public actions. */
export interface CompareInternals {
  pushUndo: (record: { kind: 'work'; label: string; before: WorkBefore; focusKey: null }) => void;
}

type Store<S> = { get: StoreApi<S>['getState']; set: StoreApi<S>['setState'] };

/** The model a column calls. */
export function columnModel(settings: Pick<Settings, 'model'>, slot: Pick<ConversationSlot, 'model'>): string {
  return slot.model ?? settings.model;
}

/** Whether the page compares (two columns or more). */
export function isComparing(data: Pick<PlaygroundData, 'order'>): boolean {
  return data.order.length >= MIN_COLUMNS;
}

/** Why a column cannot be closed (or the columns around it) now; null when it can. */
export function closeProblem(data: Pick<PlaygroundData, 'conversations' | 'order'>, ids: readonly string[]): string | null {
  return ids.some((id) => data.conversations[id]?.state.activeRequestId) ? 'a reply is streaming — Stop it first' : null;
}

/** Compare's other columns as the scenario saves them; undefined when not comparing. */
export function columnsToScenario(data: Pick<PlaygroundData, 'conversations' | 'order' | 'settings'>, mocks: Readonly<Mocks>): ScenarioColumn[] | undefined {
  if (!isComparing(data)) return undefined;
  return data.order.slice(1).map((id) => {
    const slot = data.conversations[id];
    return { model: columnModel(data.settings, slot), ...conversationFields(slot.state, mocks) };
  });
}

/** A saved column's conversation, as the scenario's own is restored. */
export function columnConversation(scenario: Scenario, column: ScenarioColumn, firstSeq: number): ConversationState {
  const { alternatives: _own, ...rest } = scenario;
  return conversationFromScenario({ ...rest, ...column }, firstSeq);
}

/** The calls of every column, for matching one against the others. */
function columnCalls(data: PlaygroundData): ColumnCalls[] {
  return data.order.map((id) => ({
    column: id,
    calls: data.conversations[id].state.entries.flatMap((entry) =>
      entry.kind === 'assistant' ? entry.toolCalls.map((card) => ({ key: card.key, name: card.name, arguments: card.arguments, waiting: card.state === 'awaiting-result' })) : [],
    ),
  }));
}

/**
 * The expectation of a column's latest turn. It is written beside the person's message, which every
 * column was sent, so a column without one of its own takes the first column's for the same turn.
 */
export function columnExpectation(data: Pick<PlaygroundData, 'conversations' | 'order'>, id: string): TurnExpectation | undefined {
  const users = (of: string | undefined) =>
    (of ? data.conversations[of]?.state.entries : undefined)?.filter((entry): entry is Extract<Entry, { kind: 'user' }> => entry.kind === 'user') ?? [];
  const own = users(id);
  return own.at(-1)?.expect ?? users(data.order[0])[own.length - 1]?.expect;
}

/**
 * For each call of a column that waits for its result: how many other columns made the same call and
 * wait too (calls none made are left out), for the card's "Approve in all columns".
 */
export function sameCallsElsewhere(data: PlaygroundData, id: string): Record<string, number> {
  if (!isComparing(data) || !data.conversations[id]) return {};
  const columns = columnCalls(data);
  const own = columns.find((column) => column.column === id)!;
  const out: Record<string, number> = {};
  for (const call of own.calls) {
    if (!call.waiting) continue;
    const others = new Set(matchingCalls(columns, id, call).map((match) => match.column)).size;
    if (others) out[call.key] = others;
  }
  return out;
}

export function createCompareActions<S extends PlaygroundData & CompareActions & PublicActions>({ get, set }: Store<S>, internals: CompareInternals): CompareActions {
  const before = () => {
    const { settings, tools, conversations, order, session } = get();
    return { settings, tools, conversations, order, session };
  };
  const modelOf = (id: string) => columnModel(get().settings, get().conversations[id]);

  /** Keeps only `keep` (it becomes the scenario's conversation, with its model), as one change Undo takes back. */
  const keepOnly = (keep: string, label: string): boolean => {
    const data = get();
    if (!data.order.includes(keep) || data.order.length < 2 || closeProblem(data, data.order)) return false;
    const was = before();
    const model = modelOf(keep);
    set({
      settings: { ...data.settings, model },
      conversations: { [keep]: { ...data.conversations[keep], model: null } },
      order: [keep],
    } as Partial<S>);
    internals.pushUndo({ kind: 'work', label, before: was, focusKey: null });
    return true;
  };

  return {
    startCompare: (model) => {
      if (isComparing(get())) return false;
      get().addConversation(model);
      return true;
    },

    addColumn: (model) => (get().order.length >= MAX_COLUMNS ? null : get().addConversation(model)),

    setColumnModel: (id, model) => {
      const slot = get().conversations[id];
      if (!slot) return;
      if (slot.model === null) get().patchSettings({ model });
      else set((s) => ({ conversations: { ...s.conversations, [id]: { ...s.conversations[id], model } } }) as Partial<S>);
    },

    removeColumn: (id) => {
      const data = get();
      if (data.order.length <= MIN_COLUMNS || !data.order.includes(id) || closeProblem(data, [id])) return false;
      const was = before();
      const model = modelOf(id);
      // The first column is the scenario's: the next one takes its place, and the scenario its model.
      const [first, next] = data.order;
      if (id === first) {
        const nextModel = modelOf(next);
        set((s) => ({ settings: { ...s.settings, model: nextModel }, conversations: { ...s.conversations, [next]: { ...s.conversations[next], model: null } } }) as Partial<S>);
      }
      get().removeConversation(id);
      internals.pushUndo({ kind: 'work', label: `Removed the column of ${model}`, before: was, focusKey: null });
      return true;
    },

    leaveCompare: () => {
      const data = get();
      const others = data.order.slice(1).map((id) => modelOf(id));
      return keepOnly(data.order[0], `Left Compare, keeping the conversation with ${modelOf(data.order[0])}; closed ${others.join(', ')}`);
    },

    continueWith: (id) => {
      const data = get();
      if (!data.order.includes(id)) return false;
      const others = data.order.filter((other) => other !== id).map((other) => modelOf(other));
      return keepOnly(id, `Continued with ${modelOf(id)}: its conversation is the scenario's, with its model; closed ${others.join(', ')}`);
    },

    answerAll: (id, callKey, verdict) => {
      const data = get();
      const card = data.conversations[id]?.state.entries.flatMap((entry) => (entry.kind === 'assistant' ? entry.toolCalls : [])).find((c) => c.key === callKey);
      if (!card || card.state !== 'awaiting-result') return 0;
      const matches = matchingCalls(columnCalls(data), id, card);
      const answer = (column: string, key: string) => (verdict === 'approve' ? get().approve(column, key) : get().reject(column, key));
      for (const match of matches) {
        if (verdict === 'approve') get().editResult(match.column, match.key, card.result);
        answer(match.column, match.key);
      }
      answer(id, callKey);
      return new Set([id, ...matches.map((match) => match.column)]).size;
    },
  };
}

/** The store's public actions these build on. */
interface PublicActions {
  addConversation(model: string | null): string;
  patchSettings(change: Partial<Settings>): void;
  removeConversation(conversationId: string): void;
  approve(conversationId: string, callKey: string): void;
  reject(conversationId: string, callKey: string): void;
  editResult(conversationId: string, callKey: string, text: string): void;
}
