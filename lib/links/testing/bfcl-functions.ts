/**
 * Test data for short links: the first `count` distinct functions of BFCL's "multiple" set (README of
 * ../shared/corpus/bfcl), as BFCL writes them — what a person pastes into "Import tools". Found from
 * the project's folder, where Vitest and Playwright run (lib/testing/shared.ts reads import.meta,
 * which Playwright's loader does not offer).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface BfclFunction {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export function bfclFunctions(count: number): BfclFunction[] {
  const functions = new Map<string, BfclFunction>();
  for (const line of readFileSync(resolve('..', 'shared', 'corpus', 'bfcl', 'BFCL_v4_multiple.json'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    for (const fn of JSON.parse(line).function as BfclFunction[]) {
      if (!functions.has(fn.name)) functions.set(fn.name, fn);
      if (functions.size === count) return [...functions.values()];
    }
  }
  throw new Error(`BFCL_v4_multiple.json has only ${functions.size} distinct functions, not ${count}.`);
}
