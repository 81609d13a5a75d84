/**
 * Loads lib/tools/schema-engine.ts (Ajv, zod) with a dynamic import, once, when the first lint or argument
 * check asks for it; afterwards the checks can also run synchronously (`loadedSchemaEngine()`).
 */
import { lazyModule } from '@/lib/util/lazy-module';
import type * as Engine from './schema-engine';

export type SchemaEngine = typeof Engine;

const engine = lazyModule<SchemaEngine>(() => import('./schema-engine'));

export const loadSchemaEngine: () => Promise<SchemaEngine> = engine.load;

/** The engine when it has loaded, else null. */
export const loadedSchemaEngine: () => SchemaEngine | null = engine.loaded;
