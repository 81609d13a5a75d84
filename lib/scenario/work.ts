/**
 * The work kept across reloads: the open scenario, the Tools editor's text exactly as typed (a scenario
 * holds only valid tools, so half-typed JSON would otherwise be lost), and where the work came from
 * (which Library entry Save updates and at which revision, the template whose note shows, and the
 * fingerprint of the work as last opened or saved). Each tab keeps its own copy (sessionStorage, which
 * survives a reload and is the tab's alone); the last copy written by any tab is kept too
 * (localStorage), for a tab opened later. Storage is input like any other: reading goes through zod and
 * restoreScenario and never throws.
 */
import { z } from 'zod';
import type { StorageLike } from './library';
import { restoreScenario, type Scenario } from './scenario';

export const WORK_KEY = 'fcp.work.v2';
/** Where format 1 kept the work (one copy for every tab, the scenario and its extras apart). */
const WORK_KEY_V1 = 'fcp.work-in-progress.v1';
const WORK_EXTRAS_KEY_V1 = 'fcp.work-in-progress.extras.v1';

export interface WorkSession {
  /** The Library entry Save updates; null: Save adds a new entry. */
  savedId: string | null;
  /** That entry's `savedAt` when this work was opened from or saved to it: another tab may have saved since. */
  savedAt: string | null;
  /** The template whose note is shown. */
  templateId: string | null;
  /** Fingerprint of the work as last opened or saved; null: never (so it counts as unsaved). */
  baseline: string | null;
}

export interface StoredWork {
  scenario: Scenario;
  toolsText: string;
  session: WorkSession;
}

const sessionSchema = z.object({
  savedId: z.string().nullable(),
  savedAt: z.string().nullable(),
  templateId: z.string().nullable(),
  baseline: z.string().nullable(),
});

const envelopeSchema = z.object({ version: z.literal(2), scenario: z.unknown(), toolsText: z.string(), session: sessionSchema });

export function serializeWork(work: StoredWork): string {
  return JSON.stringify({ version: 2, ...work });
}

export type WorkReadResult = { kind: 'none' } | { kind: 'ok'; work: StoredWork } | { kind: 'error'; message: string };

export function parseWork(raw: string): WorkReadResult {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { kind: 'error', message: 'Your unsaved work could not be restored: what the browser kept of it is not readable.' };
  }
  const envelope = envelopeSchema.safeParse(data);
  if (!envelope.success) return { kind: 'error', message: 'Your unsaved work could not be restored: what the browser kept of it is not in a known format.' };
  const restored = restoreScenario(envelope.data.scenario);
  if (!restored.ok) return { kind: 'error', message: `Your unsaved work could not be restored: ${restored.error}` };
  return { kind: 'ok', work: { scenario: restored.scenario, toolsText: envelope.data.toolsText, session: envelope.data.session } };
}

function read(storage: StorageLike, key: string): { raw: string | null; error: string | null } {
  try {
    return { raw: storage.getItem(key), error: null };
  } catch (error) {
    return { raw: null, error: `The browser's storage cannot be read (${error instanceof Error ? error.message : String(error)}).` };
  }
}

export interface WorkStorages {
  /** This tab's own (sessionStorage). */
  tab: StorageLike;
  /** Shared by every tab of the site (localStorage). */
  shared: StorageLike;
}

/** The work this tab had; else the last work of any tab; else what an earlier version of the page kept. */
export function readWork({ tab, shared }: WorkStorages): WorkReadResult {
  for (const storage of [tab, shared]) {
    const { raw, error } = read(storage, WORK_KEY);
    if (error) return { kind: 'error', message: error };
    if (raw !== null) return parseWork(raw);
  }
  return readWorkV1(shared);
}

/** Keeps the work in both places; the message when the browser refused (storage full or disabled), else null. */
export function writeWork({ tab, shared }: WorkStorages, text: string): string | null {
  try {
    tab.setItem(WORK_KEY, text);
    shared.setItem(WORK_KEY, text);
    return null;
  } catch (error) {
    return `Your work could not be kept in the browser's storage (${error instanceof Error ? error.message : String(error)}).`;
  }
}

/** Format 1 kept the scenario and its extras under two keys of localStorage. */
function readWorkV1(shared: StorageLike): WorkReadResult {
  const { raw } = read(shared, WORK_KEY_V1);
  if (raw === null) return { kind: 'none' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { kind: 'none' };
  }
  const restored = restoreScenario(data);
  if (!restored.ok) return { kind: 'none' };
  const extras = z
    .object({ toolsText: z.string(), savedId: z.string().nullable(), templateId: z.string().nullable() })
    .safeParse(safeJson(read(shared, WORK_EXTRAS_KEY_V1).raw));
  return {
    kind: 'ok',
    work: {
      scenario: restored.scenario,
      toolsText: extras.success ? extras.data.toolsText : `${JSON.stringify(restored.scenario.tools, null, 2)}\n`,
      // Its fingerprints were of another kind: the work counts as unsaved until it is saved again.
      session: { savedId: extras.success ? extras.data.savedId : null, savedAt: null, templateId: extras.success ? extras.data.templateId : null, baseline: null },
    },
  };
}

function safeJson(raw: string | null): unknown {
  try {
    return raw === null ? null : JSON.parse(raw);
  } catch {
    return null;
  }
}
