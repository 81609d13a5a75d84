/**
 * What the page keeps about the open scenario beside the scenario itself, so that a reload gives back
 * exactly what the person had: the Tools editor's text as typed (a scenario holds only valid tools, so
 * half-typed JSON would otherwise be lost), which library entry "Save" updates, which template's note
 * is shown, and a fingerprint of the scenario as last opened or saved, which tells whether opening
 * something else would lose unsaved changes. Stored next to the work in progress; read through zod and
 * trusted only when it belongs to the stored scenario (the two are written separately).
 */
import { z } from 'zod';
import type { Scenario } from './base';
import { scenarioFingerprint } from './fingerprint';

// Zod-free, in their own module: the page compares fingerprints from its first paint on.
export { needsConfirmation, scenarioFingerprint } from './fingerprint';

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
