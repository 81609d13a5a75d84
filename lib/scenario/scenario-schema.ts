/**
 * The scenario's zod schema and the schemas of its parts: what a complete, valid scenario is. Reading
 * one in (filling what links and files leave out, dropping what cannot be read) is lib/scenario/scenario.ts.
 */
import { z } from 'zod';
import {
  chatRequestSchema,
  describeIssues,
  FUNCTION_NAME_PATTERN,
  LIMITS,
  messageSchema,
  responseFormatSchema,
  toolCallSchema,
  MODEL_ID_PATTERN,
  toolChoiceSchema,
  toolSchema,
} from '@/lib/wire/chat';
import { MAX_RAW_TIMES } from '@/lib/conversation/state';
import { isRecord } from '@/lib/util/json';
import { PROVIDER_FAMILIES } from '@/lib/wire/provider-family';
import { MOCK_LIMITS, type Mock } from '@/lib/mocks/mock';
import { MAX_BRANCH_DEPTH, MAX_VERSIONS } from '@/lib/conversation/branches';
import { EVALUATE_LIMITS, scorecardSchema, testCaseSchema, turnExpectationSchema } from '@/lib/evaluate/types';
import { MAX_COLUMNS, MAX_NAME_CHARS, MCP_POLICIES, SCENARIO_VERSION, type Scenario, type ScenarioBranch } from './base';
import { MCP_SERVER_NAME } from '@/lib/mcp/server-name';

/**
 * Records whose keys are data — function names, tool call ids, JSON Schema keywords — checked key by key
 * and kept as JSON.parse made them. Not z.record: zod rebuilds the object and skips a key named
 * `__proto__` (guarding its own output from the prototype setter), so a mock for a function named
 * `__proto__` (a valid name), a result for a call with that id or such a schema key vanished without a word.
 */
function dataRecord<V>(check: (key: string, value: unknown) => string | null) {
  return z.custom<Record<string, V>>(isRecord, 'must be a JSON object').superRefine((record, ctx) => {
    if (!isRecord(record)) return;
    for (const [key, value] of Object.entries(record)) {
      const problem = check(key, value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }
  });
}

/** A key as a person can read it in a message: quoted and escaped, cut to 40 characters. */
function shown(key: string): string {
  return JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);
}

const ruleSchema = z.object({ when: z.string().max(MOCK_LIMITS.maxWhenChars), result: z.string() });

/** lib/mocks/mock.ts `Mock`, bounded (rule count, `when` and source lengths). */
const mockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), result: z.string() }),
  z.object({ kind: z.literal('rules'), rules: z.array(ruleSchema).max(MOCK_LIMITS.maxRules), default: z.string() }),
  z.object({ kind: z.literal('javascript'), source: z.string().max(MOCK_LIMITS.maxSourceChars) }),
  z.object({ kind: z.literal('ask') }),
]);

const notAFunctionName = (name: string, what: string) =>
  FUNCTION_NAME_PATTERN.test(name) ? null : `${shown(name)} is not a function name (1 to 64 letters, digits, _ or -), so it cannot have ${what}.`;

/** Function name → mock. A name that no function can have is refused: it would only ever be shown, or exported. */
const mocksSchema = dataRecord<Mock>((name, value) => {
  const problem = notAFunctionName(name, 'a mock result');
  if (problem) return problem;
  const parsed = mockSchema.safeParse(value);
  return parsed.success ? null : `the mock for ${shown(name)}: ${describeIssues(parsed.error.issues)}`;
});

/** Function name → JSON Schema text for its results. */
const resultSchemasSchema = dataRecord<string>((name, value) => {
  const problem = notAFunctionName(name, 'a result schema');
  if (problem) return problem;
  return typeof value === 'string' ? null : `the result schema for ${shown(name)} must be JSON text.`;
});

/** Tool call id → typed result. Ids are the model's to choose (any text), so any key is kept. */
const resultsSchema = dataRecord<string>((id, value) => {
  if (id.length > 256) return `a typed result is for a tool call id of at most 256 characters, not ${shown(id)}.`;
  return typeof value === 'string' ? null : `the result typed for call ${shown(id)} must be text.`;
});

/** A tool as in the wire schema, with its JSON Schema `parameters` kept whole (every key, `__proto__` too). */
const scenarioToolSchema = toolSchema.extend({
  function: toolSchema.shape.function.extend({ parameters: dataRecord<unknown>(() => null).optional() }),
});

const usageSchema = z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() });

/** lib/conversation/records.ts `InspectorRecord`: read leniently (an unreadable record is dropped, not the scenario). */
export const inspectorRecordSchema = z.object({
  id: z.string().max(256),
  started_at: z.number(),
  first_token_ms: z.number().nullable(),
  total_ms: z.number().nullable(),
  status: z.enum(['done', 'failed', 'stopped', 'interrupted']),
  request: chatRequestSchema.omit({ messages: true }).extend({ tools: z.array(scenarioToolSchema).max(LIMITS.maxTools).optional() }),
  system: z.string().nullable(),
  message_count: z.number().int().min(0),
  messages: z.array(messageSchema).max(LIMITS.maxMessages).optional(),
  usage: usageSchema.nullable(),
  finish_reason: z.enum(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']).nullable(),
  error: z
    .object({
      status: z.number().nullable(),
      message: z.string(),
      kind: z.enum(['http', 'stream', 'cut', 'network', 'aborted', 'interrupted']),
      code: z.string().nullable().optional(),
    })
    .nullable(),
  reply: z
    .object({
      role: z.literal('assistant'),
      content: z.string().nullable(),
      refusal: z.string().nullable().optional(),
      tool_calls: z.array(toolCallSchema).max(LIMITS.maxTools).optional(),
    })
    .nullable(),
  raw: z.string().nullable(),
  raw_chars: z.number().int().min(0),
  raw_times: z.array(z.tuple([z.number().int().min(0), z.number()])).max(MAX_RAW_TIMES).optional(),
  http: z
    .object({ status: z.number().int(), headers: z.record(z.string().max(256), z.string().max(4_096)).refine((h) => Object.keys(h).length <= 64, 'at most 64 headers') })
    .optional(),
});

/** At most this many records are kept with a scenario (the newest). */
export const MAX_INSPECTOR_RECORDS = 1_000;

/**
 * Most characters the alternatives may take as JSON (they are never sent, so the request's byte limit
 * does not bound them). A browser's storage holds about 5 MB in all; branches past this are dropped,
 * the last first.
 */
export const MAX_ALTERNATIVES_CHARS = 2_000_000;

/** Expectations by the place of their user message (lib/scenario/base.ts `TurnExpectationAt`). */
const expectationsSchema = z
  .array(z.object({ at: z.number().int().min(0).max(LIMITS.maxScenarioMessages), expect: turnExpectationSchema }))
  .max(LIMITS.maxScenarioMessages);

/**
 * lib/scenario/base.ts `ScenarioBranch`, nested at most `depth` deep: built level by level rather than
 * with z.lazy, so that no input, however deep, makes zod recurse further than this.
 */
function branchSchema(depth: number): z.ZodType<ScenarioBranch> {
  const inner = depth > 1 ? z.array(branchSchema(depth - 1)).max(LIMITS.maxScenarioMessages) : z.array(z.never()).max(0);
  const version = z.object({ messages: z.array(messageSchema).max(LIMITS.maxScenarioMessages), alternatives: inner.optional(), expectations: expectationsSchema.optional() });
  return z.object({
    at: z.number().int().min(0).max(LIMITS.maxScenarioMessages),
    current: z.number().int().min(0).max(MAX_VERSIONS - 1),
    others: z.array(version).min(1).max(MAX_VERSIONS - 1),
  });
}

const alternativesSchema = z.array(branchSchema(MAX_BRANCH_DEPTH)).max(LIMITS.maxScenarioMessages);
export const oneBranchSchema = branchSchema(MAX_BRANCH_DEPTH);

export const scenarioSchema = z.object({
  version: z.literal(SCENARIO_VERSION),
  name: z.string().max(MAX_NAME_CHARS),
  model: z.string().regex(MODEL_ID_PATTERN, 'must be a model id such as gpt-4o or offline-simulator'),
  system: z.string(),
  tools: z.array(scenarioToolSchema).max(LIMITS.maxTools),
  tool_choice: toolChoiceSchema,
  parallel_tool_calls: z.boolean(),
  temperature: z.number().min(0).max(2).nullable(),
  max_tokens: z.number().int().min(1).max(LIMITS.maxMaxTokens).nullable(),
  /** Function name → what is offered as that function's result (lib/mocks/mock.ts), for the person to approve or edit. */
  mocks: mocksSchema,
  result_schemas: resultSchemasSchema,
  /** The conversation after the system prompt: user, assistant (with tool_calls) and tool messages. */
  messages: z.array(messageSchema).max(LIMITS.maxScenarioMessages),
  /** The text in the Message box, not yet sent. */
  draft: z.string(),
  /** Results typed for calls not yet answered (tool call id → text). */
  results: resultsSchema,
  inspector: z.array(inspectorRecordSchema).max(MAX_INSPECTOR_RECORDS),
  /** Answers kept by Regenerate (read leniently: what cannot be read is dropped, not the scenario). */
  alternatives: alternativesSchema.optional(),
  /** What user turns should produce, by the index of their message (read leniently, as alternatives are). */
  expectations: expectationsSchema.optional(),
  test_cases: z.array(testCaseSchema).max(EVALUATE_LIMITS.maxCases).optional(),
  scorecard: scorecardSchema.optional(),
  /** Compare's other model columns (read leniently: a column that cannot be read is dropped, not the scenario). */
  columns: z.array(z.lazy(() => columnSchema)).max(MAX_COLUMNS - 1).optional(),
  response_format: responseFormatSchema.optional(),
  check_for: z.array(z.enum(PROVIDER_FAMILIES)).max(PROVIDER_FAMILIES.length).optional(),
  mcp_bindings: z.record(z.string().max(256), z.object({ server: z.string().regex(MCP_SERVER_NAME), tool: z.string().max(256) })).optional(),
  mcp_policies: z.record(z.string().max(256), z.enum(MCP_POLICIES)).optional(),
  tool_annotations: z.record(z.string().max(256), z.record(z.string().max(256), z.union([z.boolean(), z.number(), z.string().max(1000)]))).optional(),
});

export const columnSchema = z.object({
  model: z.string().regex(MODEL_ID_PATTERN),
  messages: z.array(messageSchema).max(LIMITS.maxScenarioMessages),
  results: resultsSchema,
  inspector: z.array(inspectorRecordSchema).max(MAX_INSPECTOR_RECORDS),
  alternatives: alternativesSchema.optional(),
});

// Compile-time check that the hand-written type and the schema agree in both directions.
type SchemaOutput = z.infer<typeof scenarioSchema>;
const _typeMatchesSchema: [Scenario, SchemaOutput] = [{} as SchemaOutput, {} as Scenario];
void _typeMatchesSchema;
