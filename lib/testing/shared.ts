/**
 * Where tests find `../shared` (the source documents and the BFCL corpus), beside the project. Tests
 * that need it fail when it is missing on CI (a skipped check would pass without checking anything)
 * and are skipped, with the reason, on a developer's machine that lacks it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED_DIR = join(PROJECT_ROOT, '..', 'shared');

/** A path inside ../shared. */
export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

/**
 * True when the test may run. False (skip) only off CI; on CI a missing ../shared throws, so that the
 * test fails instead of passing unchecked.
 */
export function sharedAvailable(): boolean {
  if (existsSync(SHARED_DIR)) return true;
  if (process.env.CI) throw new Error(`${SHARED_DIR} is missing: CI checks out ../shared beside the project, and these tests need it.`);
  return false;
}
