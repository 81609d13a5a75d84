import { MAX_TEST_COST, type CompiledPattern } from '@/lib/tools/linear-regexp';

/**
 * How much work one reply may do. The simulator runs on the server's one JavaScript thread, and a tool
 * schema is whatever the request says: `minItems: 1e9`, `minLength: 1e9`, or `allOf`s that double at
 * every `$ref` would each hold that thread for minutes (or exhaust its memory) if followed to the letter.
 * The work is counted, not timed, so the same request still gets the same reply; past the budget the
 * fillers cut values short and the reply says so.
 */

export const WORK_LIMITS = {
  /** Values filled (every property, item and leaf counts one). */
  values: 10_000,
  /** `$ref`s resolved and `allOf` parts merged. */
  merges: 20_000,
  /** Characters added to strings to reach a `minLength`. */
  padding: 100_000,
  /** Steps of linear-time pattern tests (lib/tools/linear-regexp.ts: MAX_TEST_COST is one test's most). */
  patternSteps: 10_000_000,
} as const;

type Counters = { -readonly [K in keyof typeof WORK_LIMITS]: number } & { cutShort: boolean };

let left: Counters | null = null;

/** Runs `fill` under a fresh budget; `cutShort` tells whether it ran out. */
export function withinBudget<T>(fill: () => T): { result: T; cutShort: boolean } {
  const outer = left;
  const counters: Counters = { ...WORK_LIMITS, cutShort: false };
  left = counters;
  try {
    return { result: fill(), cutShort: counters.cutShort };
  } finally {
    left = outer;
  }
}

/** Takes `amount` values, merges or pattern steps; false (and the reply is marked cut short) when short. */
export function spend(kind: 'values' | 'merges' | 'patternSteps', amount = 1): boolean {
  if (!left) return true;
  if (left[kind] < amount) {
    left.cutShort = true;
    return false;
  }
  left[kind] -= amount;
  return true;
}

/** The pattern's verdict on `text`, or undefined when testing would cost more than one test or the reply may. */
export function testWithinBudget(compiled: Extract<CompiledPattern, { kind: 'ok' }>, text: string): boolean | undefined {
  const cost = compiled.cost(text);
  return cost <= MAX_TEST_COST && spend('patternSteps', cost) ? compiled.test(text) : undefined;
}

/** Whether the values are all spent, for loops that would go on filling (the reply is then cut short). */
export function outOfValues(): boolean {
  if (left === null || left.values > 0) return false;
  left.cutShort = true;
  return true;
}

/** How many of `wanted` padding characters may be added. */
export function padding(wanted: number): number {
  if (!left) return Math.min(wanted, WORK_LIMITS.padding);
  const granted = Math.max(0, Math.min(wanted, left.padding));
  if (granted < wanted) left.cutShort = true;
  left.padding -= granted;
  return granted;
}

export const CUT_SHORT_NOTE =
  `The tools' schemas ask for more than I fill in one reply (at most ${WORK_LIMITS.values.toLocaleString('en-US')} values and ` +
  `${WORK_LIMITS.padding.toLocaleString('en-US')} characters of padding), so I cut some arguments short: they may not match their schemas.`;
