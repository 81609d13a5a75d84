/**
 * Fingerprints of the open scenario, which tell whether opening something else would lose unsaved
 * changes (see lib/scenario/work-extras.ts, which re-exports these). No zod: the page uses them from
 * its first paint on.
 */
import { hashText } from '@/lib/util/hash';
import { canonicalJson } from '@/lib/util/json';
import type { Scenario } from './base';

/**
 * Identifies what the person would lose (key order does not count). `invalidToolsText` is the editor's text when it is not valid
 * tools (the scenario then still holds the last valid ones), null otherwise: reformatting valid tools
 * changes nothing, but half-typed JSON is work of its own.
 */
export function scenarioFingerprint(scenario: Scenario, invalidToolsText: string | null = null): string {
  const text = canonicalJson(scenario);
  return hashText(invalidToolsText === null ? text : `${text}\u0000${invalidToolsText}`);
}

/**
 * Whether replacing the workspace with `incoming` needs the person's say-so: only when the workspace
 * has changes not yet saved (or never was saved/opened) and the incoming scenario is not the same thing.
 */
export function needsConfirmation({ current, baseline, incoming }: { current: string; baseline: string | null; incoming: string }): boolean {
  return current !== incoming && current !== baseline;
}
