/**
 * What a scenario knows about evaluation: the expectations a user turn can carry, the test cases a
 * scenario holds, and the scorecard an evaluation leaves. Shared by the matcher (match.ts), the
 * runner (run.ts), the dataset readers (bfcl.ts, jsonl.ts), the page and the command line, so that
 * each reads and writes the same shapes. Every way in goes through these zod schemas.
 */
import { z } from 'zod';
import { LIMITS } from '@/lib/wire/chat-constants';
import { messageSchema, toolSchema } from '@/lib/wire/chat';

/** Bounds: a scenario travels in a link and in the browser's storage (about 5 MB in all). */
export const EVALUATE_LIMITS = {
  maxCases: 2_000,
  maxExpectedCalls: 32,
  maxArguments: 64,
  maxValues: 64,
  maxPatternChars: 1_000,
  maxMentions: 16,
  maxMentionChars: 500,
  maxModels: 6,
  maxReasons: 32,
  maxReasonChars: 500,
  maxConcurrency: 32,
} as const;

/**
 * What one argument of an expected call must be. `optional`: the call may also leave it out (BFCL's
 * `""` among the acceptable values). Values compare with BFCL's rules (match.ts): strings after
 * normalisation, an integer where a number is expected, lists and objects element by element.
 */
export const argumentExpectationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('equals'), value: z.unknown(), optional: z.boolean().optional() }),
  z.object({ kind: z.literal('one_of'), values: z.array(z.unknown()).min(1).max(EVALUATE_LIMITS.maxValues), optional: z.boolean().optional() }),
  /** A linear-time regular expression (lib/tools/linear-regexp.ts), matched against the value as text. */
  z.object({ kind: z.literal('regex'), pattern: z.string().max(EVALUATE_LIMITS.maxPatternChars), optional: z.boolean().optional() }),
  /** A JSON Schema the value must validate against (Ajv). */
  z.object({ kind: z.literal('schema'), schema: z.record(z.string(), z.unknown()), optional: z.boolean().optional() }),
  z.object({ kind: z.literal('any'), optional: z.boolean().optional() }),
  z.object({ kind: z.literal('absent') }),
]);
export type ArgumentExpectation = z.infer<typeof argumentExpectationSchema>;

/**
 * One call the turn should make. `name` is the function's name as the tools spell it (the wire name);
 * an argument the call sends that is not listed here fails as unexpected (BFCL), unless `extra` allows it.
 */
export const expectedCallSchema = z.object({
  name: z.string().min(1).max(64),
  arguments: z.record(z.string(), argumentExpectationSchema),
  /** Arguments not listed may be sent too. Default false, as in BFCL. */
  extra: z.boolean().optional(),
});
export type ExpectedCall = z.infer<typeof expectedCallSchema>;

/**
 * What a user turn should produce. `calls: []` means "no tool call" (BFCL's irrelevance). Calls of one
 * turn match in any order. `answer_mentions`: the final answer (after the results) contains each of
 * these, compared with BFCL's string normalisation.
 */
export const turnExpectationSchema = z.object({
  calls: z.array(expectedCallSchema).max(EVALUATE_LIMITS.maxExpectedCalls),
  answer_mentions: z.array(z.string().max(EVALUATE_LIMITS.maxMentionChars)).max(EVALUATE_LIMITS.maxMentions).optional(),
});
export type TurnExpectation = z.infer<typeof turnExpectationSchema>;

/**
 * A test case: messages that end with the user turn under test, and what that turn should produce.
 * `tools`: the case's own tools (a BFCL case offers its own functions); absent, the scenario's.
 * `names`: wire name → the dataset's own name (a BFCL `spotify.play` is sent as `spotify_play`), so
 * results report names as the dataset spells them.
 */
export const testCaseSchema = z.object({
  id: z.string().min(1).max(256),
  messages: z.array(messageSchema).min(1).max(LIMITS.maxMessages),
  expect: turnExpectationSchema,
  tools: z.array(toolSchema).max(LIMITS.maxTools).optional(),
  names: z.record(z.string(), z.string().max(256)).optional(),
});
export type TestCase = z.infer<typeof testCaseSchema>;

/** A call as a case's result reports it: the dataset's name, the parsed arguments (or the raw text when they do not parse). */
export const madeCallSchema = z.object({ name: z.string(), arguments: z.unknown() });
export type MadeCall = z.infer<typeof madeCallSchema>;

const usageSchema = z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() });

/**
 * One case run on one model. `pass`: every expectation met; `error`: the model call failed (after
 * 429s were waited out) — neither a pass nor a fail. `reasons`: each expectation's verdict in words
 * (why it failed; empty when it passed). `messages`: the conversation as it ran, bounded, so the page
 * can open the case as a conversation.
 */
export const caseResultSchema = z.object({
  id: z.string().max(256),
  pass: z.boolean(),
  error: z.string().max(2_000).optional(),
  calls: z.array(madeCallSchema).max(EVALUATE_LIMITS.maxExpectedCalls * 4),
  reasons: z.array(z.string().max(EVALUATE_LIMITS.maxReasonChars)).max(EVALUATE_LIMITS.maxReasons),
  /** Time to the first token of the first model call, and of the whole case, in ms. */
  first_token_ms: z.number().nullable(),
  total_ms: z.number().nullable(),
  usage: usageSchema.nullable(),
  /** In US dollars, where the model's price is known (lib/pricing). */
  cost: z.number().nullable(),
  messages: z.array(messageSchema).max(LIMITS.maxMessages).optional(),
});
export type CaseResult = z.infer<typeof caseResultSchema>;

export const modelScoreSchema = z.object({
  model: z.string().max(128),
  passed: z.number().int().min(0),
  failed: z.number().int().min(0),
  errors: z.number().int().min(0),
  total: z.number().int().min(0),
  /** Over the cases that ran without error, in ms; null when none did. */
  latency: z.object({ p50: z.number().nullable(), p95: z.number().nullable() }),
  tokens: z.object({ prompt: z.number(), completion: z.number() }),
  cost: z.number().nullable(),
  cases: z.array(caseResultSchema).max(EVALUATE_LIMITS.maxCases),
});
export type ModelScore = z.infer<typeof modelScoreSchema>;

/** What an evaluation leaves, saved with the scenario. `cancelled`: stopped before every case ran. */
export const scorecardSchema = z.object({
  ran_at: z.string().max(64),
  cancelled: z.boolean().optional(),
  models: z.array(modelScoreSchema).max(EVALUATE_LIMITS.maxModels),
});
export type Scorecard = z.infer<typeof scorecardSchema>;

/** The verdict of one turn against its expectation (match.ts). */
export interface TurnVerdict {
  pass: boolean;
  /** Why it failed, one line per unmet expectation, then the "Pending:" ones; empty when it passed outright. */
  reasons: string[];
  /** Per expected call, by index: the made call it matched (index), or null. */
  matched: Array<number | null>;
  /** Some expectation cannot be judged yet (its reason starts with "Pending:"): see match.ts. */
  pending?: boolean;
}
