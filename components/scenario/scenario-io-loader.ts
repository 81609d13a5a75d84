/**
 * Loads scenario-io.ts together with the schema checks (lib/tools/schema-engine-loader.ts), once: the
 * session reads and writes scenarios only once both are in, so that it can lint the tools text of
 * what it saves or opens synchronously, as the page always has.
 */
import { lazyModule } from '@/lib/util/lazy-module';
import { loadSchemaEngine } from '@/lib/tools/schema-engine-loader';
import type { Notice } from '@/components/ui/notice-bar';

export type ScenarioIo = typeof import('./scenario-io');

const scenarioIo = lazyModule<ScenarioIo>(() => Promise.all([import('./scenario-io'), loadSchemaEngine()]).then(([io]) => io));

export const loadScenarioIo: () => Promise<ScenarioIo> = scenarioIo.load;

/** The module once it (and the schema checks) have loaded, else null. */
export const loadedScenarioIo: () => ScenarioIo | null = scenarioIo.loaded;

/** `loadScenarioIo()`, or null once an alert titled `title` has told the person it could not load. */
export async function scenarioIoOrAlert(notify: (notice: Notice) => void, title: string): Promise<ScenarioIo | null> {
  try {
    return await loadScenarioIo();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    notify({ kind: 'alert', title, message: `The page could not load a part it needs (${reason}). Check the connection, then try again.` });
    return null;
  }
}
