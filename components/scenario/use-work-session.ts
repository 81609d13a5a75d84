'use client';

/**
 * The open work's life in the browser, around the store: restoring this tab's work on load and keeping
 * it as it changes (lib/store/keep-work.ts, flushed when the page goes away); "Save" to the Library
 * (asking when another tab saved the same entry since); replacing the work with other work and
 * starting a new chat (asking first when that would lose unsaved changes). Storage, files and the
 * schema checks load right after the first paint (scenario-io-loader.ts): what reads or writes
 * scenarios waits for them, and nothing is kept before the restore.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { needsConfirmation, scenarioFingerprint } from '@/lib/scenario/fingerprint';
import type { Scenario } from '@/lib/scenario/base';
import type { LibraryEntry } from '@/lib/scenario/library';
import { keepWork } from '@/lib/store/keep-work';
import type { OpenedWork, PlaygroundStore } from '@/lib/store/playground-store';
import type { Notice } from '@/components/ui/notice-bar';
import { replaceQuestion, type Ask } from './confirm';
import { scenarioIoOrAlert, type ScenarioIo } from './scenario-io-loader';

interface Options {
  store: PlaygroundStore;
  ask: Ask;
  notify: (notice: Notice) => void;
}

export interface ReplaceRequest {
  /** The dialog's name, e.g. "Open the shared scenario?" */
  title: string;
  /** The button that goes ahead, e.g. "Open the link". */
  confirmLabel: string;
  /** What would replace the work, in words: "the shared scenario", "the template “…”". */
  what: string;
  /** Ask even when the work is saved (a template over a conversation in progress). */
  askAnyway?: boolean;
}

function storages(io: ScenarioIo) {
  return { tab: io.tabStorage(), shared: io.sharedStorage() };
}

export function useWorkSession({ store, ask, notify }: Options) {
  /** Told after each write of the work (the share link in the address bar follows it). */
  const [keptListeners] = useState(() => new Set<(scenario: Scenario) => void>());
  const onWorkKept = useCallback(
    (listener: (scenario: Scenario) => void) => {
      keptListeners.add(listener);
      return () => void keptListeners.delete(listener);
    },
    [keptListeners],
  );

  /** Save to the Library: updates the entry the work came from, else adds one. */
  const save = useCallback(async (): Promise<boolean> => {
    const io = await scenarioIoOrAlert(notify, 'Not saved');
    if (!io) return false;
    const library = io.browserLibrary();
    const { savedId, savedAt } = store.getState().session;
    let scenario = store.getState().snapshot().scenario;
    let result = savedId ? library.update(savedId, scenario, savedAt) : library.save(scenario);
    let verb = savedId ? 'in' : 'to';
    if (!result.ok && 'conflict' in result) {
      const choice = await ask({
        title: 'Overwrite the saved scenario?',
        message: `“${scenario.name}” was saved again in another tab since you opened it here. Overwrite that version with yours, or keep both by saving yours as a new entry.`,
        choices: [
          { value: 'cancel', label: 'Cancel' },
          { value: 'new', label: 'Save as a new entry' },
          { value: 'overwrite', label: 'Overwrite', primary: true },
        ],
        dismiss: 'cancel',
      });
      if (choice === 'cancel') return false;
      scenario = store.getState().snapshot().scenario;
      result = choice === 'overwrite' ? library.update(savedId!, scenario) : library.save(scenario);
      verb = choice === 'overwrite' ? 'over the other tab’s version in' : 'as a new entry in';
    } else if (!result.ok && savedId) {
      // The entry was deleted meanwhile (here or in another tab): a new one keeps the work.
      result = library.save(scenario);
      verb = 'as a new entry (the one it came from was deleted) in';
    }
    if (!result.ok) {
      notify({ kind: 'alert', title: 'Not saved', message: result.error });
      return false;
    }
    store.getState().markSaved({ savedId: result.value.id, savedAt: result.value.savedAt });
    notify({ kind: 'status', message: `Saved “${scenario.name}” ${verb} the Library.` });
    return true;
  }, [ask, notify, store]);

  /** Replace the work, asking first when that would lose unsaved changes. Resolves to whether it did. */
  const replace = useCallback(
    async (work: OpenedWork, request: ReplaceRequest): Promise<boolean> => {
      if (!(await scenarioIoOrAlert(notify, `Could not open ${request.what}`))) return false;
      const state = store.getState();
      const { scenario: now, invalidToolsText } = state.snapshot();
      const current = scenarioFingerprint(now, invalidToolsText);
      const incoming = scenarioFingerprint(work.scenario);
      const unsaved = needsConfirmation({ current, baseline: state.session.baseline, incoming });
      if (unsaved || (request.askAnyway && current !== incoming)) {
        const choice = await ask(
          replaceQuestion(
            request.title,
            request.confirmLabel,
            unsaved
              ? `“${now.name}” has changes that are not saved in the Library. Opening ${request.what} replaces them.`
              : `Opening ${request.what} replaces “${now.name}” and its conversation.`,
          ),
        );
        if (choice === 'cancel') return false;
        if (choice === 'save-first' && !(await save())) return false;
      }
      store.getState().open(work);
      return true;
    },
    [ask, notify, save, store],
  );

  /** "New chat": empties the conversation, asking first when it is not saved in the Library. */
  const newChat = useCallback(async (): Promise<void> => {
    const state = store.getState();
    if (state.hasUnsavedWork()) {
      const choice = await ask({
        title: 'Start a new chat?',
        message: `“${state.settings.name}” has a conversation that is not saved in the Library. A new chat empties it (the tools and settings stay).`,
        choices: [
          { value: 'cancel', label: 'Keep my work' },
          { value: 'save-first', label: 'Save mine to the Library first' },
          { value: 'new', label: 'Start a new chat', primary: true },
        ],
        dismiss: 'cancel',
      });
      if (choice === 'cancel') return;
      if (choice === 'save-first' && !(await save())) return;
    }
    store.getState().newChat();
  }, [ask, save, store]);

  /** Opens a Library entry (or one just imported), asking first when that would lose unsaved changes. */
  const openEntry = useCallback(
    async (entry: LibraryEntry, what: string, verb: string): Promise<boolean> => {
      const opened = await replace(
        { scenario: entry.scenario, session: { savedId: entry.id, savedAt: entry.savedAt } },
        { title: `Open the ${what} scenario?`, confirmLabel: 'Open it', what: `the ${what} scenario “${entry.scenario.name}”` },
      );
      if (opened) notify({ kind: 'status', message: `${verb} “${entry.scenario.name}”.` });
      return opened;
    },
    [notify, replace],
  );

  /** This tab's work of its last visit, then keeping it from here on. Resolves once it is open. */
  const restore = useCallback(async (): Promise<void> => {
    const io = await scenarioIoOrAlert(notify, 'Your last work could not be restored');
    // Without storage this visit keeps nothing in the browser.
    if (!io) return;
    const read = io.readWork(storages(io));
    if (read.kind === 'ok') store.getState().open(read.work);
    else {
      if (read.kind === 'error') notify({ kind: 'alert', title: 'Your last work could not be restored', message: read.message });
      // The page opened on its initial scenario: nothing to lose yet.
      store.getState().markSaved();
    }
    let lastError: string | null = null;
    const kept = keepWork(store, {
      write: (state) => {
        const { scenario, toolsText } = state.snapshot();
        const error = io.writeWork(storages(io), io.serializeWork({ scenario, toolsText, session: state.session }));
        if (error && error !== lastError) notify({ kind: 'alert', title: 'Work in progress not kept', message: `${error} Save or export it to keep it.` });
        lastError = error;
        for (const listener of keptListeners) listener(scenario);
      },
    });
    const flush = () => kept.flush();
    const hold = () => kept.hold();
    const onHidden = () => document.visibilityState === 'hidden' && kept.flush();
    window.addEventListener('beforeunload', hold);
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHidden);
    stopKeeping.current = () => {
      window.removeEventListener('beforeunload', hold);
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHidden);
      kept.stop();
    };
  }, [keptListeners, notify, store]);

  const stopKeeping = useRef<(() => void) | null>(null);
  useEffect(() => () => stopKeeping.current?.(), []);

  /** The Library renamed or deleted an entry: keep the open work in step. */
  const entryRenamed = useCallback(
    (id: string, name: string) => {
      const state = store.getState();
      if (id !== state.session.savedId) return;
      const wasClean = !state.hasUnsavedWork();
      state.patchSettings({ name });
      if (wasClean) store.getState().markSaved();
    },
    [store],
  );
  const entryDeleted = useCallback(
    (id: string) => {
      if (id === store.getState().session.savedId) store.getState().setSession({ savedId: null, savedAt: null, baseline: null });
    },
    [store],
  );

  return useMemo(
    () => ({ save, replace, newChat, openEntry, restore, entryRenamed, entryDeleted, onWorkKept }),
    [save, replace, newChat, openEntry, restore, entryRenamed, entryDeleted, onWorkKept],
  );
}

export type WorkSession = ReturnType<typeof useWorkSession>;
