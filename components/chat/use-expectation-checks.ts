'use client';

/**
 * The verdicts of a conversation's expected turns (lib/store/expectation-checks.ts), worked out again
 * when the conversation or the tools change. The matcher is loaded on demand, the first time a turn has
 * an expectation (it brings re2js, which the first paint does without), and the schema checks once a
 * `schema` rule needs them (until then it is pending); each load brings the verdicts up to date.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Entry } from '@/lib/conversation/state';
import type { ExpectationChecks } from '@/lib/store/expectation-checks';
import { lazyModule } from '@/lib/util/lazy-module';
import type { Tool } from '@/lib/wire/chat';

const checksModule = lazyModule(() => import('@/lib/store/expectation-checks'));
let schemasLoaded = false;
const loadChecks = () => checksModule.load();
const loadSchemas = () =>
  checksModule
    .load()
    .then((matcher) => matcher.prepareMatcher())
    .then(() => {
      schemasLoaded = true;
    });

const NONE: ExpectationChecks = { turns: new Map(), calls: new Map(), needsSchemas: false };

export function useExpectationChecks(entries: readonly Entry[], tools: readonly Tool[]): ExpectationChecks {
  // Bumped by each load, so the verdicts are worked out again with what has come.
  const [loads, setLoads] = useState(0);
  const expected = useMemo(() => entries.some((entry) => entry.kind === 'user' && entry.expect), [entries]);
  const checks = useMemo(() => {
    void loads;
    const matcher = expected ? checksModule.loaded() : null;
    return matcher ? matcher.expectationChecks(entries, tools) : NONE;
  }, [entries, tools, expected, loads]);
  const load = !expected ? null : !checksModule.loaded() ? loadChecks : checks.needsSchemas && !schemasLoaded ? loadSchemas : null;
  useEffect(() => {
    if (!load) return;
    let live = true;
    load().then(
      () => live && setLoads((n) => n + 1),
      // A chunk that did not load (offline for a moment) is asked for again with the conversation's next change.
      () => {},
    );
    return () => {
      live = false;
    };
  }, [load, entries]);
  return checks;
}
