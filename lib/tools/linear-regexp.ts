/**
 * JSON Schema `pattern` and `patternProperties` in linear time. The patterns come from whoever wrote the
 * tools (a share link, a request to the simulator), and a backtracking engine such as JavaScript's own
 * takes exponential time on some of them (`^(.+)+Z$` against 30 characters: a minute of the only thread),
 * so none of this project's code runs a user's pattern with `RegExp`. Each pattern is checked as
 * ECMA-262 syntax (`new RegExp(pattern, 'u')` parses it without running it, so syntax errors read as
 * they always have), rewritten in RE2 syntax (lib/tools/ecma-to-re2.ts) and run by re2js, a pure-JS RE2.
 * What RE2 cannot express (lookaround, backreferences) is never run: it is reported in words instead.
 *
 * The page loads this with the schema engine, on demand (re2js is about 50 KB gzip); the simulator
 * imports it on the server.
 */
import type { CodeOptions } from 'ajv';
import { RE2JS } from 're2js';
import { ecmaToRe2 } from './ecma-to-re2';
import type { SkippedTest, UnsupportedPattern } from './pattern-words';

export type CompiledPattern =
  /** `cost(text)` bounds the work of `test(text)`: compare it with MAX_TEST_COST before testing. */
  | { kind: 'ok'; test: (text: string) => boolean; cost: (text: string) => number }
  /** Not a regular expression at all: Ajv reports it as a schema that does not compile. */
  | { kind: 'invalid'; error: SyntaxError }
  /** Valid ECMA-262 that RE2 cannot run; `reason` completes "it uses …". */
  | { kind: 'unsupported'; reason: string };

/**
 * Most work one test may do. RE2 is linear in the text, but times the pattern's program size when its
 * DFA gives up (`^[ab]*a[ab]{999}$`): about one step per instruction per character, and 10 million such
 * steps took 2 s on 2 busy cores. Everyday patterns cost a few hundred steps per character at most.
 */
export const MAX_TEST_COST = 2_000_000;

const MAX_CACHED = 500;
const cache = new Map<string, CompiledPattern>();

/** The pattern compiled for linear-time tests, or why it cannot be; cached. */
export function compilePattern(pattern: string, flags = 'u'): CompiledPattern {
  const key = `${flags}/${pattern}`;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compile(pattern, flags);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, compiled);
  }
  return compiled;
}

function compile(pattern: string, flags: string): CompiledPattern {
  try {
    // Parsing only: a RegExp runs nothing until it is used, and it is not used.
    new RegExp(pattern, flags);
  } catch (error) {
    return { kind: 'invalid', error: error instanceof SyntaxError ? error : new SyntaxError(String(error)) };
  }
  const translation = ecmaToRe2(pattern);
  if (!translation.ok) return { kind: 'unsupported', reason: translation.reason };
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(translation.source);
  } catch (error) {
    return { kind: 'unsupported', reason: re2Reason(error) };
  }
  const size = regex.programSize();
  return { kind: 'ok', test: (text) => regex.test(text), cost: (text) => size * (text.length + 1) };
}

/** RE2's refusal of something valid in ECMA-262, as "it uses …". */
function re2Reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/invalid repeat count/.test(message)) return 'a repeat count over 1000, or repeats nested deeper than RE2 allows';
  if (/too large|too deep|nesting depth/i.test(message)) return 'more nesting or repetition than RE2 allows';
  if (/character class range: `\\[pP]/.test(message)) return 'a Unicode property RE2 does not know';
  return `something RE2 does not support (${message.replace(/^error parsing regexp: /, '')})`;
}

/**
 * Ajv's `code.regExp`: every `pattern` and `patternProperties` that Ajv compiles goes through this. An
 * invalid pattern throws (the schema does not compile, as with Ajv's default). One RE2 cannot run counts
 * as matching everything (any value passes it; every property name falls under it) and is recorded for
 * `collectUnchecked`, so that the lint and the checks can say so.
 */
export const linearRegExp: NonNullable<CodeOptions['regExp']> = Object.assign(
  (pattern: string, flags: string) => {
    const compiled = compilePattern(pattern, flags);
    if (compiled.kind === 'invalid') throw compiled.error;
    // Ajv keys compiled patterns by `toString()`: it must differ between patterns.
    const name = `/${pattern}/${flags}`;
    if (compiled.kind === 'unsupported') {
      collecting?.unsupported.set(pattern, compiled.reason);
      return { test: () => true, toString: () => `unchecked ${name}` };
    }
    const test = (text: string) => {
      const cost = compiled.cost(text);
      if (cost <= MAX_TEST_COST && allowance.take(cost)) return compiled.test(text);
      // Not run: counted as matching, and said (`collectUnchecked`).
      const skipped = collecting?.skipped.get(pattern);
      if (skipped === undefined || text.length > skipped) collecting?.skipped.set(pattern, text.length);
      return true;
    };
    return { test, toString: () => name };
  },
  { code: 'linearRegExp' },
);

/**
 * Pattern work the Ajv checks may do in a burst, and how fast it comes back: one check is bounded by
 * MAX_TEST_COST per test, and this bounds many of them in a row (a share link may hold a thousand tool
 * calls). Everyday checks cost thousands of steps; only pathological patterns on long values reach it.
 */
const allowance = {
  burst: 10_000_000,
  perMs: 2_500,
  left: 10_000_000,
  at: Date.now(),
  take(cost: number): boolean {
    const now = Date.now();
    this.left = Math.min(this.burst, this.left + (now - this.at) * this.perMs);
    this.at = now;
    if (cost > this.left) return false;
    this.left -= cost;
    return true;
  },
};

interface Collector {
  unsupported: Map<string, string>;
  skipped: Map<string, number>;
}

let collecting: Collector | null = null;

/**
 * Runs `run` (an Ajv compile, or a validation) and lists the patterns it left unchecked: those RE2
 * cannot run (found when compiling), and tests not run for their cost (found when validating).
 */
export function collectUnchecked<T>(run: () => T): { result: T; unsupported: UnsupportedPattern[]; skipped: SkippedTest[] } {
  const outer = collecting;
  const found: Collector = { unsupported: new Map(), skipped: new Map() };
  collecting = found;
  try {
    const result = run();
    return {
      result,
      unsupported: [...found.unsupported].map(([pattern, reason]) => ({ pattern, reason })),
      skipped: [...found.skipped].map(([pattern, length]) => ({ pattern, length })),
    };
  } finally {
    collecting = outer;
    if (outer) {
      for (const [pattern, reason] of found.unsupported) outer.unsupported.set(pattern, reason);
      for (const [pattern, length] of found.skipped) outer.skipped.set(pattern, Math.max(length, outer.skipped.get(pattern) ?? 0));
    }
  }
}
