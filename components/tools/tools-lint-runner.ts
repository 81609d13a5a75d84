/**
 * Runs the tools lint for the page: at once when the schema checks (Ajv, zod) have loaded, otherwise
 * when they have. If they cannot load (the connection dropped), the result is an error that says so,
 * so Send stays blocked rather than trusting unchecked tools; the next lint tries again.
 */
import { lintTools, lintToolsIfLoaded, type ToolsLint } from '@/lib/tools/lint';

export function runToolsLint(text: string, done: (lint: ToolsLint) => void): void {
  const now = lintToolsIfLoaded(text);
  if (now) {
    done(now);
    return;
  }
  lintTools(text).then(done, (error: unknown) => done(notLoaded(error)));
}

function notLoaded(error: unknown): ToolsLint {
  const reason = error instanceof Error ? error.message : String(error);
  const message = `The tools could not be checked: the page could not load its schema checks (${reason}). Check the connection, then edit the tools or reload the page.`;
  return { tools: null, problems: [{ severity: 'error', message, startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 2 }], errorCount: 1 };
}
