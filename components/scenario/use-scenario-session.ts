'use client';

/**
 * The open scenario's life beyond the workspace: work in progress kept in the browser (debounced, and
 * flushed when the page goes away) with the tools text exactly as typed; whether there are unsaved
 * changes; replacing the workspace (asking first when that would lose them); "Save" to the Library.
 * Storage, files and the schema checks load right after the first paint (scenario-io-loader.ts): what
 * reads or writes scenarios waits for them, and nothing is kept in the browser before the restore.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Scenario } from '@/lib/scenario/base';
import { needsConfirmation, scenarioFingerprint } from '@/lib/scenario/fingerprint';
import { lintToolsIfLoaded } from '@/lib/tools/lint';
import { readItem, writeItem } from './browser-storage';
import type { ReplaceChoice, ReplaceQuestion } from './confirm-replace';
import type { Notice } from '@/components/ui/notice-bar';
import { loadedScenarioIo, scenarioIoOrAlert } from './scenario-io-loader';
import type { Workspace } from '@/components/playground/use-workspace';

export const WORK_IN_PROGRESS_DEBOUNCE_MS = 500;

interface Options {
  ws: Workspace;
  ask: (question: ReplaceQuestion) => Promise<ReplaceChoice>;
  notify: (notice: Notice) => void;
  /** Runs before anything replaces the workspace (stops a reply that is streaming). */
  beforeLoad: () => void;
  /** After each save of the work in progress (keeps a shared link in the address bar honest). */
  onPersisted?: (scenario: Scenario) => void;
}

export interface Origin {
  /** Fingerprint of the scenario as opened; omitted: the scenario itself is the saved state. */
  baseline?: string | null;
  savedId?: string | null;
  templateId?: string | null;
  /** The editor's text as the person left it (work in progress). */
  toolsText?: string;
}

/** What is open, for deciding whether replacing it loses anything. */
export interface Current {
  fingerprint: string;
  baseline: string | null;
}

export interface ReplaceRequest extends Omit<ReplaceQuestion, 'message'> {
  /** What would replace the work, in words: "the shared scenario", "the template “…”". */
  what: string;
  /** Defaults to the workspace as it is now. */
  current?: Current;
  /** Ask even when the work is saved (a template over a conversation in progress). */
  askAnyway?: boolean;
}

export function useScenarioSession({ ws, ask, notify, beforeLoad, onPersisted }: Options) {
  const latest = useRef({ ws, notify, beforeLoad, onPersisted });
  useLayoutEffect(() => {
    latest.current = { ws, notify, beforeLoad, onPersisted };
  });
  const baseline = useRef<string | null>(null);
  const [savedId, setSavedId] = useState<string | null>(null);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const savedIdRef = useRef(savedId);
  const templateIdRef = useRef(templateId);
  const ready = useRef(false);

  const current = useCallback((): Current => {
    const { scenario, invalidToolsText } = latest.current.ws.snapshot();
    return { fingerprint: scenarioFingerprint(scenario, invalidToolsText), baseline: baseline.current };
  }, []);

  /** Load without asking (once the scenario I/O, and with it the schema checks, has loaded). */
  const apply = useCallback((scenario: Scenario, origin: Origin = {}) => {
    latest.current.beforeLoad();
    latest.current.ws.loadScenario(scenario, origin.toolsText);
    const invalid = origin.toolsText !== undefined && !lintToolsIfLoaded(origin.toolsText)?.tools ? origin.toolsText : null;
    baseline.current = origin.baseline !== undefined ? origin.baseline : scenarioFingerprint(scenario, invalid);
    savedIdRef.current = origin.savedId ?? null;
    templateIdRef.current = origin.templateId ?? null;
    setSavedId(savedIdRef.current);
    setTemplateId(templateIdRef.current);
  }, []);

  /** Save to the Library: updates the entry this scenario came from, else adds one. */
  const save = useCallback(async (): Promise<boolean> => {
    const io = await scenarioIoOrAlert(latest.current.notify, 'Not saved');
    if (!io) return false;
    const snap = latest.current.ws.snapshot();
    const toSave = snap.scenario;
    const library = io.browserLibrary();
    const id = savedIdRef.current;
    const updated = id ? library.update(id, toSave) : null;
    const result = updated?.ok ? updated : library.save(toSave);
    if (!result.ok) {
      latest.current.notify({ kind: 'alert', title: 'Not saved', message: result.error });
      return false;
    }
    savedIdRef.current = result.value.id;
    setSavedId(result.value.id);
    baseline.current = scenarioFingerprint(snap.scenario, snap.invalidToolsText);
    latest.current.notify({ kind: 'status', message: `Saved “${toSave.name}” ${updated?.ok ? 'in' : 'to'} the Library.` });
    return true;
  }, []);

  /** Replace the workspace, asking first when that would lose unsaved changes. Resolves to whether it did. */
  const replace = useCallback(
    async (scenario: Scenario, request: ReplaceRequest, origin: Origin = {}): Promise<boolean> => {
      if (!(await scenarioIoOrAlert(latest.current.notify, `Could not open ${request.what}`))) return false;
      const now = request.current ?? current();
      const incoming = scenarioFingerprint(scenario);
      const unsaved = needsConfirmation({ current: now.fingerprint, baseline: now.baseline, incoming });
      if (unsaved || (request.askAnyway && now.fingerprint !== incoming)) {
        const name = latest.current.ws.snapshot().scenario.name;
        const choice = await ask({
          title: request.title,
          confirmLabel: request.confirmLabel,
          message: unsaved
            ? `“${name}” has changes that are not saved in the Library. Opening ${request.what} replaces them.`
            : `Opening ${request.what} replaces “${name}” and its conversation.`,
        });
        if (choice === 'cancel') return false;
        if (choice === 'save-first' && !(await save())) return false;
      }
      apply(scenario, origin);
      return true;
    },
    [apply, ask, current, save],
  );

  /** Restores the work in progress of the last visit, if any; says what is now open. */
  const restoreWorkInProgress = useCallback(async (): Promise<Current> => {
    const io = await scenarioIoOrAlert(latest.current.notify, 'Your last work could not be restored');
    // Without storage this visit keeps nothing in the browser (`ready` stays false).
    if (!io) return current();
    const loaded = io.browserLibrary().loadWorkInProgress();
    ready.current = true;
    if (loaded.kind !== 'ok') {
      if (loaded.kind === 'error') {
        latest.current.notify({ kind: 'alert', title: 'Your last work could not be restored', message: loaded.message });
      }
      // The page opened on its initial scenario: nothing to lose yet.
      baseline.current = current().fingerprint;
      return current();
    }
    const extras = io.extrasFor(loaded.scenario, io.parseExtras(readItem(io.WORK_EXTRAS_KEY)));
    const text = extras?.toolsText;
    apply(loaded.scenario, {
      toolsText: text,
      baseline: extras ? extras.baseline : null,
      savedId: extras?.savedId ?? null,
      templateId: extras?.templateId ?? null,
    });
    const invalid = text !== undefined && !lintToolsIfLoaded(text)?.tools ? text : null;
    return { fingerprint: scenarioFingerprint(loaded.scenario, invalid), baseline: baseline.current };
  }, [apply, current]);

  // Work in progress: kept on a debounce after every change, and at once when the page goes away.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastError = useRef<string | null>(null);
  const persist = useCallback(() => {
    timer.current = null;
    const io = loadedScenarioIo();
    if (!ready.current || !io) return;
    const { scenario, toolsText } = latest.current.ws.snapshot();
    const saved = io.browserLibrary().saveWorkInProgress(scenario);
    const extrasError = writeItem(
      io.WORK_EXTRAS_KEY,
      io.serializeExtras({
        scenario: scenarioFingerprint(scenario),
        toolsText,
        baseline: baseline.current,
        savedId: savedIdRef.current,
        templateId: templateIdRef.current,
      }),
    );
    const error = saved.ok ? (extrasError ? `Your work could not be kept in the browser's storage (${extrasError}).` : null) : saved.error;
    if (error && error !== lastError.current) {
      latest.current.notify({ kind: 'alert', title: 'Work in progress not kept', message: `${error} Save or export it to keep it.` });
    }
    lastError.current = error;
    latest.current.onPersisted?.(scenario);
  }, []);

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(persist, WORK_IN_PROGRESS_DEBOUNCE_MS);
  }, [persist]);

  useEffect(() => {
    schedule();
  }, [ws.settings, ws.conversation, savedId, templateId, schedule]);

  useEffect(() => {
    const flush = () => {
      if (timer.current) {
        clearTimeout(timer.current);
        persist();
      }
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [persist]);

  /** The Library renamed or deleted an entry: keep the open scenario in step. */
  const entryRenamed = useCallback((id: string, name: string) => {
    if (id !== savedIdRef.current) return;
    const { scenario, invalidToolsText } = latest.current.ws.snapshot();
    const wasClean = baseline.current === scenarioFingerprint(scenario, invalidToolsText);
    latest.current.ws.patch({ name });
    if (wasClean) baseline.current = scenarioFingerprint({ ...scenario, name }, invalidToolsText);
  }, []);
  const entryDeleted = useCallback((id: string) => {
    if (id !== savedIdRef.current) return;
    savedIdRef.current = null;
    setSavedId(null);
    baseline.current = null;
  }, []);

  return {
    savedId,
    templateId,
    current,
    apply,
    replace,
    save,
    restoreWorkInProgress,
    /** Call on changes React does not see (the tools editor's text). */
    touched: schedule,
    entryRenamed,
    entryDeleted,
    dismissTemplate: () => {
      templateIdRef.current = null;
      setTemplateId(null);
    },
  };
}

export type ScenarioSession = ReturnType<typeof useScenarioSession>;
