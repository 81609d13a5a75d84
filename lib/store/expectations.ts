/**
 * A conversation's expectations as a scenario keeps them, and back. The conversation keeps each on its
 * user message (the entry's `expect`), so edits carry it; the scenario keeps them apart, as
 * `expectations: [{ at, expect }]` with `at` the index of the user message in `messages`, left out when
 * there are none (a scenario without any saves, compares and links as before). What they say of the
 * turns is expectation-checks.ts (loaded with the matcher, only when some turn has an expectation).
 */
import { messagePlaces } from '@/lib/conversation/alternatives';
import type { Entry } from '@/lib/conversation/state';
import type { TurnExpectationAt } from '@/lib/scenario/base';

/** The user messages' expectations, placed by message (an entry that sends no message moves the places on). */
export function expectationsToScenario(entries: readonly Entry[]): TurnExpectationAt[] {
  const places = messagePlaces(entries);
  return entries.flatMap((entry, i) => (entry.kind === 'user' && entry.expect ? [{ at: places[i], expect: entry.expect }] : []));
}

/**
 * The entries of a scenario's messages (one entry per message, as fromWireMessages reads them) with their
 * expectations put back. A place that is not a user message was already dropped when the scenario was read.
 */
export function withExpectations(entries: Entry[], expectations: readonly TurnExpectationAt[] | undefined): Entry[] {
  if (!expectations?.length) return entries;
  const byPlace = new Map(expectations.map((item) => [item.at, item.expect]));
  return entries.map((entry, i) => {
    const expect = byPlace.get(i);
    return expect && entry.kind === 'user' ? { ...entry, expect } : entry;
  });
}
