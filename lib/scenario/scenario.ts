/**
 * A scenario: everything the playground saves, shares and exports — settings, tools, mock results, the
 * conversation so far and the unsent message. Every way in (share link, browser storage, imported file)
 * goes through `restoreScenario`, which never throws and always yields a complete, valid scenario or a
 * message for a person.
 */
import { describeIssues, LIMITS, contentText } from '@/lib/wire/chat';
import { OFFLINE_SIMULATOR_ID } from '@/lib/wire/models';
import { isRecord } from '@/lib/util/json';
import { fixedMock, MOCK_KINDS, MOCK_LIMITS, type MockKind } from '@/lib/mocks/mock';
import { MAX_BRANCH_DEPTH, MAX_STORED_ENTRIES, MAX_VERSIONS } from '@/lib/conversation/branches';
import { EVALUATE_LIMITS, turnExpectationSchema } from '@/lib/evaluate/types';
import { boundScorecard } from './evaluation';
import { columnSchema, inspectorRecordSchema, MAX_ALTERNATIVES_CHARS, MAX_INSPECTOR_RECORDS, oneBranchSchema, scenarioSchema } from './scenario-schema';

export { inspectorRecordSchema, MAX_ALTERNATIVES_CHARS, MAX_INSPECTOR_RECORDS, scenarioSchema };
import { MAX_COLUMNS, MAX_NAME_CHARS, SCENARIO_VERSION, type Scenario, type ScenarioBranch, type ScenarioColumn, type ScenarioVersion, type TurnExpectationAt } from './base';
import { filledToolFields } from './tool-fields';

// The type, the default scenario and copying live apart, without zod, for the page's first paint.
export {
  cloneScenario,
  deepFreeze,
  DEFAULT_SCENARIO,
  GUIDE_SYSTEM_PROMPT,
  MAX_COLUMNS,
  MAX_NAME_CHARS,
  SCENARIO_VERSION,
  WEATHER_RULES,
  WEATHER_TOOL,
  type Scenario,
  type ScenarioBranch,
  type ScenarioColumn,
  type ScenarioVersion,
  type TurnExpectationAt,
} from './base';

/**
 * Compare's columns that can be read, each filled as the scenario's own conversation is and no larger
 * than a scenario may be (each column is a conversation of its own, sent on its own); undefined when none is left.
 */
function readableColumns(raw: unknown): ScenarioColumn[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: ScenarioColumn[] = [];
  for (const item of raw.slice(0, MAX_COLUMNS - 1)) {
    if (!isRecord(item)) continue;
    const messages = Array.isArray(item.messages) ? item.messages.slice(0, LIMITS.maxScenarioMessages).map(fillMessage) : [];
    const column = {
      model: item.model,
      messages,
      results: fillResults(item.results ?? {}),
      inspector: readableRecords(item.inspector),
      ...(item.alternatives === undefined ? {} : { alternatives: readableAlternatives(item.alternatives, messages.length) }),
    };
    if (column.alternatives === undefined) delete column.alternatives;
    const parsed = columnSchema.safeParse(column);
    if (!parsed.success) continue;
    const bytes = new TextEncoder().encode(JSON.stringify({ ...parsed.data, inspector: [], alternatives: undefined })).length;
    if (bytes <= LIMITS.maxBodyBytes) out.push(parsed.data);
  }
  return out.length ? out : undefined;
}


export type RestoreResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

/**
 * What a missing field means in a file or in storage. Neutral (no tools, no prompt) rather than the
 * default scenario, so that importing, say, a bare request body does not gain the weather tool.
 */
export const SCENARIO_DEFAULTS: Omit<Scenario, 'version'> = Object.freeze({
  name: 'Untitled scenario',
  model: OFFLINE_SIMULATOR_ID,
  system: '',
  tools: [],
  tool_choice: 'auto',
  parallel_tool_calls: true,
  temperature: null,
  max_tokens: null,
  mocks: {},
  result_schemas: {},
  messages: [],
  draft: '',
  results: {},
  inspector: [],
});

/** The field names in their canonical order (files and links write them in this order). */
export const SCENARIO_FIELDS = Object.keys(SCENARIO_DEFAULTS) as Array<keyof typeof SCENARIO_DEFAULTS>;

export function newerVersionMessage(version: number, what = 'This scenario'): string {
  return (
    `${what} was made by a newer version of the playground (format ${version}); this one reads format ` +
    `${SCENARIO_VERSION}. Open it in an up-to-date playground.`
  );
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Links and files may leave out `type: "function"` (it is the only kind); put it back. */
function fillTool(tool: unknown): unknown {
  return isRecord(tool) && tool.type === undefined ? { type: 'function', ...tool } : tool;
}

function fillMessage(message: unknown): unknown {
  if (!isRecord(message) || message.role !== 'assistant') return message;
  const calls = Array.isArray(message.tool_calls)
    ? message.tool_calls.map((call) => (isRecord(call) && call.type === undefined ? { ...call, type: 'function' } : call))
    : message.tool_calls;
  // An assistant turn that only calls tools has no text; one canonical spelling (null) keeps round trips exact.
  return { ...message, content: message.content ?? null, ...(calls === undefined ? {} : { tool_calls: calls }) };
}

/** JSON text; a hand-written file may give the JSON value itself. */
const asText = (value: unknown): unknown => (typeof value === 'string' || value === undefined ? value : JSON.stringify(value, null, 2));

/**
 * Format 1 mocks are result text (or, hand-written, the JSON value): each becomes a fixed mock. In
 * format 2 a mock is an object with a `kind`; anything else (text, or a JSON value without a known
 * `kind`) is still read as a fixed result. A rule's `when` and results may be given as JSON values, and
 * fields a kind does not have are dropped.
 */
function fillMocks(mocks: unknown, version: unknown): unknown {
  if (!isRecord(mocks)) return mocks;
  const entries = Object.entries(mocks).slice(0, LIMITS.maxTools);
  const isMock = (value: unknown): value is Record<string, unknown> => isRecord(value) && MOCK_KINDS.includes(value.kind as MockKind);
  return Object.fromEntries(entries.map(([name, value]) => [name, version !== 1 && isMock(value) ? fillMock(value) : fillFixed(value)]));
}

function fillFixed(value: unknown): unknown {
  const text = asText(value);
  return typeof text === 'string' ? fixedMock(text) : text;
}

function fillMock(mock: Record<string, unknown>): unknown {
  switch (mock.kind) {
    case 'fixed':
      return { kind: 'fixed', result: asText(mock.result) };
    case 'rules': {
      const rules = Array.isArray(mock.rules)
        ? mock.rules.slice(0, MOCK_LIMITS.maxRules + 1).map((rule) => (isRecord(rule) ? { when: asText(rule.when), result: asText(rule.result) } : rule))
        : mock.rules;
      return { kind: 'rules', rules, default: asText(mock.default ?? '') };
    }
    case 'javascript':
      return { kind: 'javascript', source: mock.source };
    case 'ask':
      return { kind: 'ask' };
    default:
      return mock;
  }
}

/** Result schemas are kept for the functions a scenario can hold, as text. */
function fillResultSchemas(schemas: unknown): unknown {
  return isRecord(schemas) ? Object.fromEntries(Object.entries(schemas).slice(0, LIMITS.maxTools).map(([name, value]) => [name, asText(value)])) : schemas;
}

/** Typed results keep at most one per call a scenario can hold. */
function fillResults(results: unknown): unknown {
  return isRecord(results) ? Object.fromEntries(Object.entries(results).slice(0, LIMITS.maxScenarioMessages * 4)) : results;
}

/** The newest records that can be read; the rest are dropped: they are a view of what happened, not the work. */
function readableRecords(records: unknown): unknown {
  if (!Array.isArray(records)) return [];
  return records.slice(-MAX_INSPECTOR_RECORDS).filter((record) => inspectorRecordSchema.safeParse(record).success);
}

/**
 * The branches that can be read, as the page keeps them (lib/conversation/branches.ts): each one's
 * versions filled as messages are, at most MAX_VERSIONS - 1 of them, in ascending places within the
 * messages they belong to (`length` of them; nested ones after their version's first message), nested
 * at most MAX_BRANCH_DEPTH deep; at most MAX_STORED_ENTRIES messages kept aside in all, and
 * MAX_ALTERNATIVES_CHARS of JSON. A branch that does not fit is dropped; undefined when none is left.
 */
function readableAlternatives(raw: unknown, length: number): ScenarioBranch[] | undefined {
  let budget = MAX_STORED_ENTRIES;
  let chars = MAX_ALTERNATIVES_CHARS;
  const read = (list: unknown, length: number, min: number, depth: number): ScenarioBranch[] => {
    if (!Array.isArray(list) || depth <= 0) return [];
    const out: ScenarioBranch[] = [];
    for (const item of list.slice(0, LIMITS.maxScenarioMessages)) {
      if (!isRecord(item) || !Array.isArray(item.others)) continue;
      const at = item.at;
      if (typeof at !== 'number' || !Number.isInteger(at) || at < Math.max(min, (out.at(-1)?.at ?? -1) + 1) || at > length) continue;
      const others: ScenarioVersion[] = [];
      for (const version of item.others.slice(0, MAX_VERSIONS - 1)) {
        if (!isRecord(version) || !Array.isArray(version.messages)) continue;
        const messages = version.messages.slice(0, LIMITS.maxScenarioMessages).map(fillMessage);
        const shape = oneBranchSchema.safeParse({ at, current: 0, others: [{ messages }] });
        if (!shape.success || messages.length > budget) continue;
        budget -= messages.length;
        const nested = read(version.alternatives, messages.length, 1, depth - 1);
        const expectations = readableExpectations(version.expectations, messages);
        others.push({ messages: shape.data.others[0].messages, ...(nested.length ? { alternatives: nested } : {}), ...(expectations ? { expectations } : {}) });
      }
      if (!others.length) continue;
      const current = typeof item.current === 'number' && Number.isInteger(item.current) ? Math.min(Math.max(item.current, 0), others.length) : others.length;
      const branch: ScenarioBranch = { at, current, others };
      const size = JSON.stringify(branch).length;
      if (size > chars) continue;
      chars -= size;
      out.push(branch);
    }
    return out;
  };
  const branches = read(raw, length, 0, MAX_BRANCH_DEPTH);
  return branches.length ? branches : undefined;
}

/**
 * The expectations that can be read: each at a user message of `messages`, one per message, in order of
 * place, at most one per message; one that cannot be read (or points elsewhere) is dropped with the
 * rest of the scenario kept. Undefined when none is left, so the field stays out.
 */
function readableExpectations(raw: unknown, messages: unknown): TurnExpectationAt[] | undefined {
  if (!Array.isArray(raw) || !Array.isArray(messages)) return undefined;
  const byPlace = new Map<number, TurnExpectationAt>();
  for (const item of raw.slice(0, LIMITS.maxScenarioMessages)) {
    if (!isRecord(item)) continue;
    const { at } = item;
    if (typeof at !== 'number' || !Number.isInteger(at) || byPlace.has(at)) continue;
    const message: unknown = messages[at];
    if (!isRecord(message) || message.role !== 'user') continue;
    const expect = turnExpectationSchema.safeParse(item.expect);
    if (expect.success) byPlace.set(at, { at, expect: expect.data });
  }
  const out = [...byPlace.values()].sort((a, b) => a.at - b.at);
  return out.length ? out : undefined;
}

/**
 * The test cases and the scorecard, filled as the conversation is (tools and messages written
 * compactly by links), and left out when there are none, so that scenarios without them read and
 * compare as before.
 */
function filledEvaluation(input: Record<string, unknown>): Pick<Scenario, 'test_cases' | 'scorecard'> {
  const out: Record<string, unknown> = {};
  const fillCase = (item: unknown) =>
    isRecord(item)
      ? {
          ...item,
          ...(Array.isArray(item.messages) ? { messages: item.messages.slice(0, LIMITS.maxMessages + 1).map(fillMessage) } : {}),
          ...(Array.isArray(item.tools) ? { tools: item.tools.slice(0, LIMITS.maxTools + 1).map(fillTool) } : {}),
        }
      : item;
  if (Array.isArray(input.test_cases) && input.test_cases.length) out.test_cases = input.test_cases.slice(0, EVALUATE_LIMITS.maxCases + 1).map(fillCase);
  else if (input.test_cases != null && !Array.isArray(input.test_cases)) out.test_cases = input.test_cases;
  if (input.scorecard != null) {
    const card = input.scorecard;
    const fillResult = (result: unknown) => (isRecord(result) && Array.isArray(result.messages) ? { ...result, messages: result.messages.map(fillMessage) } : result);
    out.scorecard =
      isRecord(card) && Array.isArray(card.models)
        ? { ...card, models: card.models.map((m) => (isRecord(m) && Array.isArray(m.cases) ? { ...m, cases: m.cases.slice(0, EVALUATE_LIMITS.maxCases + 1).map(fillResult) } : m)) }
        : card;
  }
  return out as Pick<Scenario, 'test_cases' | 'scorecard'>;
}

function restoreUnchecked(input: unknown): RestoreResult {
  if (!isRecord(input)) return { ok: false, error: 'A scenario must be a JSON object.' };
  const version = input.version ?? SCENARIO_VERSION;
  if (typeof version === 'number' && Number.isInteger(version) && version > SCENARIO_VERSION) {
    return { ok: false, error: newerVersionMessage(version) };
  }
  // Format 1 differs only in its mocks (text, not a kind): read it and carry on as format 2.
  if (version !== SCENARIO_VERSION && version !== 1) return { ok: false, error: `version: must be 1 or ${SCENARIO_VERSION}` };

  // null counts as missing: older writers and hand-written files use it that way.
  const field = <K extends keyof typeof SCENARIO_DEFAULTS>(key: K): unknown => input[key] ?? SCENARIO_DEFAULTS[key];
  const name = field('name');
  const temperature = field('temperature');
  const maxTokens = field('max_tokens');
  const tools = field('tools');
  const messages = field('messages');
  const filled = {
    version: SCENARIO_VERSION,
    name: typeof name === 'string' ? name.slice(0, MAX_NAME_CHARS) : name,
    model: field('model'),
    system: field('system'),
    tools: Array.isArray(tools) ? tools.slice(0, LIMITS.maxTools).map(fillTool) : tools,
    tool_choice: field('tool_choice'),
    parallel_tool_calls: field('parallel_tool_calls'),
    temperature: typeof temperature === 'number' ? clamp(temperature, 0, 2) : temperature,
    max_tokens: typeof maxTokens === 'number' ? clamp(Math.round(maxTokens), 1, LIMITS.maxMaxTokens) : maxTokens,
    mocks: fillMocks(field('mocks'), version),
    result_schemas: fillResultSchemas(field('result_schemas')),
    messages: Array.isArray(messages) ? messages.slice(0, LIMITS.maxScenarioMessages).map(fillMessage) : messages,
    draft: field('draft'),
    results: fillResults(field('results')),
    inspector: readableRecords(field('inspector')),
  };
  const alternatives = readableAlternatives(input.alternatives, Array.isArray(filled.messages) ? filled.messages.length : 0);
  if (alternatives) Object.assign(filled, { alternatives });
  const columns = readableColumns(input.columns);
  if (columns) Object.assign(filled, { columns });
  const expectations = readableExpectations(input.expectations, filled.messages);
  if (expectations) Object.assign(filled, { expectations });
  Object.assign(filled, filledEvaluation(input), filledToolFields(input));
  const parsed = scenarioSchema.safeParse(filled);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error.issues) };
  // A copy, so the result shares nothing with the input (which may be a frozen constant).
  const scenario = liftSystemMessage(structuredClone(parsed.data));
  if (scenario.scorecard) scenario.scorecard = boundScorecard(scenario.scorecard);

  // Anything bigger could never be sent as one request, so it is refused rather than cut. The
  // inspector's records do not count: they are never sent.
  // Nor do the test cases and the scorecard: each case is a request of its own.
  const bytes = new TextEncoder().encode(JSON.stringify({ ...scenario, inspector: [], alternatives: undefined, columns: undefined, test_cases: undefined, scorecard: undefined })).length;
  if (bytes > LIMITS.maxBodyBytes) {
    return { ok: false, error: `The scenario is too large (${bytes} bytes; at most ${LIMITS.maxBodyBytes}).` };
  }
  return { ok: true, scenario };
}

/**
 * A request body pasted or imported as a scenario starts with its system message; the scenario keeps that
 * in `system`, so move it there when `system` is empty.
 */
function liftSystemMessage(scenario: Scenario): Scenario {
  const [first, ...rest] = scenario.messages;
  if (scenario.system !== '' || first?.role !== 'system') return scenario;
  const lifted: Scenario = { ...scenario, system: contentText(first.content), messages: rest };
  // The alternatives' places move with the messages; one that started at the lifted message goes.
  const alternatives = scenario.alternatives?.filter((branch) => branch.at > 0).map((branch) => ({ ...branch, at: branch.at - 1 }));
  if (alternatives?.length) lifted.alternatives = alternatives;
  else delete lifted.alternatives;
  // Expectations sit on user messages, never on the lifted system message.
  const expectations = scenario.expectations?.map((item) => ({ ...item, at: item.at - 1 }));
  if (expectations?.length) lifted.expectations = expectations;
  return lifted;
}

/**
 * Turn anything (parsed JSON from a link, storage or a file) into a valid scenario: fills defaults for
 * missing fields, clamps counts and numbers to the limits, drops unknown fields, and refuses content that
 * is invalid with a message naming the field. Never throws.
 */
export function restoreScenario(input: unknown): RestoreResult {
  try {
    return restoreUnchecked(input);
  } catch (error) {
    // Only exotic inputs get here (throwing getters, cyclic objects).
    return { ok: false, error: `The scenario could not be read (${error instanceof Error ? error.message : String(error)}).` };
  }
}
