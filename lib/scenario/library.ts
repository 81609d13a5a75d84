/**
 * The browser's scenario library ("Save"), shared by every tab of the site, behind a Storage-like
 * interface so it runs in unit tests; plus import/export of scenario `.json` files. Storage is input
 * like any other: every read goes through restoreScenario, and nothing here throws — a corrupted or
 * unavailable storage shows as an empty library with a message. An entry's `savedAt` is its revision:
 * an update that names the revision it started from is refused when another tab saved since.
 */
import { MAX_NAME_CHARS, newerVersionMessage, restoreScenario, SCENARIO_VERSION, type Scenario } from './scenario';

/** The part of `window.localStorage` used here. Its methods may throw (storage disabled, quota full). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const LIBRARY_KEY = 'fcp.library.v1';
/** Where an unreadable library is copied before the first write replaces it, so it can be recovered. */
export const LIBRARY_BACKUP_KEY = 'fcp.library.v1.unreadable';
/** An imported file bigger than this is refused before parsing. */
export const MAX_FILE_CHARS = 5_000_000;

export interface LibraryEntry {
  id: string;
  savedAt: string;
  scenario: Scenario;
}

export interface LibrarySummary {
  id: string;
  name: string;
  savedAt: string;
  model: string;
  toolCount: number;
  messageCount: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };
/** `conflict`: the entry was saved (by another tab) after the revision the update started from. */
export type UpdateResult = Result<LibraryEntry> | { ok: false; error: string; conflict: { savedAt: string } };

interface Loaded {
  entries: LibraryEntry[];
  error: string | null;
  /** False when writing would destroy something this version cannot read (a newer format). */
  writable: boolean;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function defaultId(): string {
  // randomUUID exists only in secure contexts; a LAN address over http is not one.
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export interface LibraryOptions {
  now?: () => Date;
  newId?: () => string;
}

export function createScenarioLibrary(storage: StorageLike, options: LibraryOptions = {}) {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? defaultId;

  function load(): Loaded {
    let raw: string | null;
    try {
      raw = storage.getItem(LIBRARY_KEY);
    } catch (error) {
      return { entries: [], error: `The browser's storage cannot be read (${describe(error)}).`, writable: false };
    }
    if (raw === null) return { entries: [], error: null, writable: true };
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return { entries: [], error: 'The saved scenarios are corrupted and could not be read.', writable: true };
    }
    const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
    if (typeof record.version === 'number' && record.version > SCENARIO_VERSION) {
      return { entries: [], error: newerVersionMessage(record.version, 'The scenario library'), writable: false };
    }
    // A format-1 library holds format-1 scenarios, which restoreScenario migrates; it is written back as format 2.
    if ((record.version !== 1 && record.version !== SCENARIO_VERSION) || !Array.isArray(record.entries)) {
      return { entries: [], error: 'The saved scenarios are corrupted and could not be read.', writable: true };
    }
    const entries: LibraryEntry[] = [];
    let skipped = 0;
    for (const item of record.entries as unknown[]) {
      const entry = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
      const restored = restoreScenario(entry.scenario);
      if (typeof entry.id !== 'string' || typeof entry.savedAt !== 'string' || !restored.ok) skipped++;
      else entries.push({ id: entry.id, savedAt: entry.savedAt, scenario: restored.scenario });
    }
    const error = skipped ? `${skipped} saved scenario${skipped === 1 ? '' : 's'} could not be read and ${skipped === 1 ? 'was' : 'were'} skipped.` : null;
    return { entries, error, writable: true };
  }

  function store(entries: LibraryEntry[]): Result<void> {
    const current = load();
    if (!current.writable) return { ok: false, error: current.error ?? 'The scenario library cannot be changed.' };
    try {
      const previous = storage.getItem(LIBRARY_KEY);
      if (previous !== null && current.error) storage.setItem(LIBRARY_BACKUP_KEY, previous);
      storage.setItem(LIBRARY_KEY, JSON.stringify({ version: SCENARIO_VERSION, entries }));
      return { ok: true, value: undefined };
    } catch (error) {
      return { ok: false, error: `The scenario could not be saved: the browser's storage refused it (${describe(error)}).` };
    }
  }

  /** Read, change one entry, write back: every operation on an existing entry. */
  function withEntry<T>(id: string, change: (entries: LibraryEntry[], index: number) => T): Result<T> {
    const { entries } = load();
    const index = entries.findIndex((entry) => entry.id === id);
    if (index < 0) return { ok: false, error: 'That saved scenario no longer exists.' };
    const result = change(entries, index);
    const stored = store(entries);
    return stored.ok ? { ok: true, value: result } : stored;
  }

  function add(entries: LibraryEntry[], scenario: Scenario): LibraryEntry {
    const entry = { id: newId(), savedAt: now().toISOString(), scenario: structuredClone(scenario) };
    entries.unshift(entry);
    return entry;
  }

  return {
    /** Summaries, most recently saved first, and a message when some (or all) could not be read. */
    list(): { entries: LibrarySummary[]; error: string | null } {
      const { entries, error } = load();
      const summaries = entries.map(({ id, savedAt, scenario }) => ({
        id,
        savedAt,
        name: scenario.name,
        model: scenario.model,
        toolCount: scenario.tools.length,
        messageCount: scenario.messages.length,
      }));
      return { entries: summaries.sort((a, b) => b.savedAt.localeCompare(a.savedAt)), error };
    },
    /** Save as a new entry (a new id), even if an equal one exists. */
    save(scenario: Scenario): Result<LibraryEntry> {
      const { entries } = load();
      const entry = add(entries, scenario);
      const stored = store(entries);
      return stored.ok ? { ok: true, value: entry } : stored;
    },
    /**
     * Replace a saved entry's scenario, keeping its id. With `expectedSavedAt` (the revision this work
     * was opened from or saved as), refused as a conflict when the entry has been saved since.
     */
    update(id: string, scenario: Scenario, expectedSavedAt?: string | null): UpdateResult {
      if (expectedSavedAt !== undefined) {
        const current = load().entries.find((entry) => entry.id === id);
        if (current && current.savedAt !== expectedSavedAt) {
          return { ok: false, error: `“${current.scenario.name}” was saved again elsewhere (another tab) since it was opened here.`, conflict: { savedAt: current.savedAt } };
        }
      }
      return withEntry(id, (entries, index) => {
        // Strictly later than the revision it replaces, even within one millisecond.
        const previous = Date.parse(entries[index].savedAt);
        const at = new Date(Math.max(now().getTime(), Number.isNaN(previous) ? 0 : previous + 1));
        entries[index] = { id, savedAt: at.toISOString(), scenario: structuredClone(scenario) };
        return entries[index];
      });
    },
    open(id: string): Result<LibraryEntry> {
      const entry = load().entries.find((candidate) => candidate.id === id);
      return entry ? { ok: true, value: entry } : { ok: false, error: 'That saved scenario no longer exists.' };
    },
    rename(id: string, name: string): Result<LibraryEntry> {
      const clean = name.trim().slice(0, MAX_NAME_CHARS) || 'Untitled scenario';
      return withEntry(id, (entries, index) => {
        entries[index] = { ...entries[index], scenario: { ...entries[index].scenario, name: clean } };
        return entries[index];
      });
    },
    /** A copy saved as a new entry, named "<name> (copy)". */
    duplicate(id: string): Result<LibraryEntry> {
      return withEntry(id, (entries, index) => {
        const original = entries[index].scenario;
        return add(entries, { ...original, name: `${original.name.slice(0, MAX_NAME_CHARS - 7)} (copy)` });
      });
    },
    delete(id: string): Result<void> {
      const result = withEntry(id, (entries, index) => {
        entries.splice(index, 1);
        return null;
      });
      return result.ok ? { ok: true, value: undefined } : result;
    },
  };
}

export type ScenarioLibrary = ReturnType<typeof createScenarioLibrary>;

/** The `.json` file "Export" downloads: the scenario itself, readable and diffable. */
export function serializeScenarioFile(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

/** Read an imported `.json` file (a scenario; a bare Chat Completions request body works too). */
export function parseScenarioFile(text: string): Result<Scenario> {
  if (text.length > MAX_FILE_CHARS) return { ok: false, error: 'The file is too large to be a scenario.' };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, error: `The file is not valid JSON (${describe(error)}).` };
  }
  const restored = restoreScenario(data);
  return restored.ok ? { ok: true, value: restored.scenario } : { ok: false, error: restored.error };
}

/** A file name from the scenario's name: `weather-in-three-cities.json`. */
export function scenarioFileName(scenario: Scenario): string {
  const slug = scenario.name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'scenario'}.json`;
}
