'use client';

/**
 * The verdicts of a conversation's expected turns (lib/store/expectations.ts), worked out again when
 * the conversation or the tools change; a `schema` rule is pending until the schema checks have
 * loaded, so they are loaded then, and the verdicts worked out again.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Entry } from '@/lib/conversation/state';
import { prepareMatcher } from '@/lib/evaluate/match';
import { expectationChecks, type ExpectationChecks } from '@/lib/store/expectations';
import type { Tool } from '@/lib/wire/chat';

export function useExpectationChecks(entries: readonly Entry[], tools: readonly Tool[]): ExpectationChecks {
  const [schemasLoaded, setSchemasLoaded] = useState(false);
  const checks = useMemo(() => {
    // Read so that the verdicts are worked out again once the engine is there (the matcher finds it loaded).
    void schemasLoaded;
    return expectationChecks(entries, tools);
  }, [entries, tools, schemasLoaded]);
  const needsSchemas = checks.needsSchemas && !schemasLoaded;
  useEffect(() => {
    if (!needsSchemas) return;
    let live = true;
    void prepareMatcher().then(() => {
      if (live) setSchemasLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [needsSchemas]);
  return checks;
}
