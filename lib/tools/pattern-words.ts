/**
 * How the checks and the simulator speak of a pattern they leave alone. Free of re2js, so the page's
 * first load (which includes the tools lint) can say it without loading the engine.
 */

/** A pattern RE2 cannot run; `reason` completes "it uses …" ("lookahead", "a backreference (\1)"). */
export interface UnsupportedPattern {
  pattern: string;
  reason: string;
}

/** A test not run because it would cost more than the checks do at once: the value's length. */
export interface SkippedTest {
  pattern: string;
  length: number;
}

/** How a message ends that says a pattern was left alone: "…uses lookahead, which {RE2_CANNOT_RUN}". */
export const RE2_CANNOT_RUN = "this playground's linear-time regular expressions (RE2) cannot run";

const MAX_QUOTED = 80;

/** A pattern (or a name) for a message: in quotes, cut at 80 characters. */
export function quotePattern(pattern: string): string {
  const points = Array.from(pattern);
  return `"${points.length > MAX_QUOTED ? `${points.slice(0, MAX_QUOTED - 1).join('')}…` : pattern}"`;
}
