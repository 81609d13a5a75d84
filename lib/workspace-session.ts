/**
 * What the page keeps about the open scenario beside the scenario itself, so that a reload gives back
 * exactly what the person had: the Tools editor's text as typed (a scenario holds only valid tools, so
 * half-typed JSON would otherwise be lost), which library entry "Save" updates, which template's note
 * is shown, and a fingerprint of the scenario as last opened or saved, which tells whether opening
 * something else would lose unsaved changes. Stored next to the work in progress; read through zod and
 * trusted only when it belongs to the stored scenario (the two are written separately).
 */
import { z } from 'zod';
import type { Scenario } from './scenario';

export const WORK_EXTRAS_KEY = 'fcp.work-in-progress.extras.v1';

export interface WorkExtras {
  /** Fingerprint of the work-in-progress scenario these extras were written with. */
  scenario: string;
  /** The Tools editor's text exactly as typed. */
  toolsText: string;
  /** Fingerprint of the workspace as last opened or saved; null when it never was (always unsaved). */
  baseline: string | null;
  /** The library entry the workspace was opened from or saved as. */
  savedId: string | null;
  /** The template the workspace was loaded from. */
  templateId: string | null;
}

const extrasSchema = z.object({
  scenario: z.string(),
  toolsText: z.string(),
  baseline: z.string().nullable(),
  savedId: z.string().nullable(),
  templateId: z.string().nullable(),
});

/** Two 32-bit FNV-1a lanes with different seeds, plus the length: a cheap, stable 80-bit digest. */
function digest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}-${text.length.toString(36)}`;
}

/** JSON with object keys sorted, so equal content gives equal text whatever order it was built in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.keys(inner).sort().map((key) => [key, (inner as Record<string, unknown>)[key]]))
      : inner,
  );
}

/**
 * Identifies what the person would lose (key order does not count). `invalidToolsText` is the editor's text when it is not valid
 * tools (the scenario then still holds the last valid ones), null otherwise: reformatting valid tools
 * changes nothing, but half-typed JSON is work of its own.
 */
export function scenarioFingerprint(scenario: Scenario, invalidToolsText: string | null = null): string {
  const text = canonicalJson(scenario);
  return digest(invalidToolsText === null ? text : `${text}\u0000${invalidToolsText}`);
}

/**
 * Whether replacing the workspace with `incoming` needs the person's say-so: only when the workspace
 * has changes not yet saved (or never was saved/opened) and the incoming scenario is not the same thing.
 */
export function needsConfirmation({ current, baseline, incoming }: { current: string; baseline: string | null; incoming: string }): boolean {
  return current !== incoming && current !== baseline;
}

export function serializeExtras(extras: WorkExtras): string {
  return JSON.stringify(extras);
}

/** Never throws: anything unreadable is as good as nothing. */
export function parseExtras(raw: string | null): WorkExtras | null {
  if (raw === null) return null;
  try {
    const parsed = extrasSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The extras, when they were written together with this work-in-progress scenario; null otherwise. */
export function extrasFor(scenario: Scenario, extras: WorkExtras | null): WorkExtras | null {
  return extras && extras.scenario === scenarioFingerprint(scenario) ? extras : null;
}
