/**
 * Undo: the state before each change, kept so that it can be put back (lib/store/playground-store.ts).
 *
 * Undo puts back the state before a change, so it can only be offered while nothing else has changed
 * that conversation since: a change of any other kind by the person (sending, answering a call, typing
 * a result, Retry, Continue) drops its records, and opening other work or a New chat drops them all.
 * What the model streams after Run from here or Regenerate is part of that change (Undo stops it). The
 * record of a Fork (the whole work) also goes with any change to the settings or tools, which Undo
 * would otherwise take back with it.
 */
import type { StoreApi } from 'zustand/vanilla';
import { applyEvent } from '@/lib/conversation/reducer';
import type { ConversationSlot, OpenedWork, PlaygroundData, UndoRecord } from './types';

/** Most changes Undo keeps, per page. */
export const MAX_UNDO = 50;

export interface UndoActions {
  /** Opens other work as new, unsaved work that Undo takes back, as Fork does; `label` is the Undo notice's. */
  openUndoable(work: OpenedWork, label: string): void;
  /** Takes back the newest change still recorded; false when there is none. */
  undo(): boolean;
  /** Hides the newest change's Undo notice (the change stays undoable until something else happens). */
  dismissUndo(): void;
}

type NewRecord = UndoRecord extends infer R ? (R extends UndoRecord ? Omit<R, 'id'> : never) : never;

interface UndoStore {
  get: () => PlaygroundData & { open(work: OpenedWork): void };
  set: StoreApi<PlaygroundData>['setState'];
  setSlot: (id: string, change: (slot: ConversationSlot) => Partial<ConversationSlot>) => void;
  /** Stops every conversation's calls and runs, or one conversation's. */
  stopAll: () => void;
  stopOne: (id: string) => void;
}

export function createUndo({ get, set, setSlot, stopAll, stopOne }: UndoStore) {
  let counter = 0;
  const push = (record: NewRecord) => {
    counter += 1;
    const added = { ...record, id: counter } as UndoRecord;
    set((s) => ({ undoHistory: [...s.undoHistory, added].slice(-MAX_UNDO) }));
  };
  const forget = (which: (record: UndoRecord) => boolean) => {
    if (get().undoHistory.some(which)) set((s) => ({ undoHistory: s.undoHistory.filter((record) => !which(record)) }));
  };

  const actions: UndoActions = {
    openUndoable: (work, label) => {
      const { settings, tools, conversations, order, session } = get();
      get().open(work);
      push({ kind: 'work', label, before: { settings, tools, conversations, order, session }, focusKey: null });
    },

    undo: () => {
      const record = get().undoHistory.at(-1);
      if (!record) return false;
      set((s) => ({ undoHistory: s.undoHistory.slice(0, -1) }));
      if (record.kind === 'work') {
        stopAll();
        const { settings, tools, conversations, order, session } = record.before;
        // The editor takes the tools back (a test case opened with its own).
        set((s) => ({ settings, conversations, order, session, tools: tools.text === s.tools.text ? s.tools : { ...tools, seed: s.tools.seed + 1 } }));
        return true;
      }
      const slotNow = get().conversations[record.conversationId];
      if (!slotNow) return false;
      // What a Run from here or a Regenerate started goes with it.
      stopOne(record.conversationId);
      const state = applyEvent(slotNow.state, { type: 'undone', to: record.before });
      setSlot(record.conversationId, () => ({ state, handledTicket: state.ticket, held: state.pendingCall }));
      return true;
    },

    dismissUndo: () => set((s) => ({ undoDismissed: s.undoHistory.at(-1)?.id ?? s.undoDismissed })),
  };

  return {
    push,
    /** Drops every record, on a change that no Undo could be offered across. */
    forgetAll: () => forget(() => true),
    /** Drops the records of one conversation, and the whole work's (a change to it would be taken back too). */
    forgetFor: (id: string) => forget((record) => record.kind === 'work' || record.conversationId === id),
    /** Drops the whole work's records (the settings or the tools changed). */
    forgetWork: () => forget((record) => record.kind === 'work'),
    actions,
  };
}
