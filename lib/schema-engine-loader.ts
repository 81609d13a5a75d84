/**
 * Loads lib/schema-engine.ts (Ajv, zod) with a dynamic import, once, when the first lint or argument
 * check asks for it; afterwards the checks can also run synchronously (`loadedSchemaEngine()`).
 */
import type * as Engine from './schema-engine';

export type SchemaEngine = typeof Engine;

let loaded: SchemaEngine | null = null;
let loading: Promise<SchemaEngine> | null = null;

export function loadSchemaEngine(): Promise<SchemaEngine> {
  loading ??= import('./schema-engine').then(
    (engine) => (loaded = engine),
    (error: unknown) => {
      // A failed chunk load (offline for a moment): the next check tries again.
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** The engine when it has loaded, else null. */
export function loadedSchemaEngine(): SchemaEngine | null {
  return loaded;
}
