/**
 * Fingerprints of the open scenario, which tell whether opening something else would lose unsaved
 * changes (see lib/scenario/work-extras.ts, which re-exports these). No zod: the page uses them from
 * its first paint on.
 */
import type { Scenario } from './base';

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
