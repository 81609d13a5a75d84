'use client';

/**
 * A finished tool call's arguments checked against its tool's schema: at once when Ajv has loaded (it
 * loads with the tools lint, right after the page opens), else once it has, 'checking' meanwhile.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Tool } from '@/lib/wire/chat';
import { loadedSchemaEngine, loadSchemaEngine } from '@/lib/tools/schema-engine-loader';
import { checkToolArgumentsIfLoaded, type ArgumentsCheck } from '@/lib/tools/arguments';

export type SchemaEngineState = 'loading' | 'loaded' | 'failed';

export const ENGINE_FAILED = 'The arguments could not be checked: the page could not load its schema checks (reload the page to try again)';

/** Whether the schema checks (Ajv) have loaded; loads them while `enabled`. */
export function useSchemaEngine(enabled: boolean): SchemaEngineState {
  const [engine, setEngine] = useState<SchemaEngineState>(() => (loadedSchemaEngine() ? 'loaded' : 'loading'));
  useEffect(() => {
    if (!enabled || engine !== 'loading') return;
    let live = true;
    loadSchemaEngine().then(
      () => live && setEngine('loaded'),
      () => live && setEngine('failed'),
    );
    return () => {
      live = false;
    };
  }, [enabled, engine]);
  return engine;
}

export function useArgumentsCheck(tools: readonly Tool[] | null, name: string, argumentsText: string, enabled: boolean): ArgumentsCheck | 'checking' | null {
  const engine = useSchemaEngine(enabled);
  return useMemo(() => {
    if (!enabled) return null;
    if (engine === 'failed') return { ok: false, summary: ENGINE_FAILED, problems: [ENGINE_FAILED] };
    return (engine === 'loaded' && checkToolArgumentsIfLoaded(tools, name, argumentsText)) || 'checking';
  }, [enabled, engine, tools, name, argumentsText]);
}
