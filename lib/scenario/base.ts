/**
 * What the page needs of scenarios at first paint: the Scenario type, the scenario a fresh page opens
 * with, and copying. Free of zod: reading scenarios from links, storage and files (lib/scenario/scenario.ts,
 * which re-exports all of this) is loaded only when the page restores or imports something.
 */
import type { InspectorRecord } from '@/lib/conversation/records';
import type { Mocks, RulesMock } from '@/lib/mocks/mock';
import type { Scorecard, TestCase, TurnExpectation } from '@/lib/evaluate/types';
import type { ChatMessage, ResponseFormat, Tool, ToolChoice } from '@/lib/wire/chat';
import type { ProviderFamily } from '@/lib/wire/provider-family';
import { OFFLINE_SIMULATOR_ID } from '@/lib/wire/models';

/**
 * The newest scenario format this code reads and writes. 2: a mock is one of four kinds (fixed, rules,
 * JavaScript, ask me) instead of text, and functions may have result schemas; format 1 still opens
 * (lib/scenario/scenario.ts migrates it).
 */
export const SCENARIO_VERSION = 2;
/** A label, not content: longer names are cut rather than refused. */
export const MAX_NAME_CHARS = 200;

export type Scenario = {
  version: 2;
  name: string;
  model: string;
  system: string;
  tools: Tool[];
  tool_choice: ToolChoice;
  parallel_tool_calls: boolean;
  temperature: number | null;
  max_tokens: number | null;
  mocks: Mocks;
  /** Function name → JSON Schema text its results are checked against (kept beside the tools, never sent). */
  result_schemas: Record<string, string>;
  messages: ChatMessage[];
  draft: string;
  /** Results typed for tool calls not yet answered, by tool call id (answered ones are tool messages). */
  results: Record<string, string>;
  /** The inspector's record of each model call, oldest first (lib/conversation/records.ts). */
  inspector: InspectorRecord[];
  /**
   * The other answers Regenerate kept (lib/conversation/branches.ts), by where they start in `messages`.
   * Optional, and left out when there are none, so that scenarios without any read and compare as before.
   */
  alternatives?: ScenarioBranch[];
  /**
   * What user turns of the conversation should produce (lib/evaluate/types.ts), by the index in
   * `messages` of the user message. Optional, left out when there are none.
   */
  expectations?: TurnExpectationAt[];
  /** The scenario's test cases for Evaluate; optional, left out when there are none. */
  test_cases?: TestCase[];
  /** The last evaluation's scorecard; optional. */
  scorecard?: Scorecard;
  /**
   * Compare's other model columns (the first column is the scenario's own `model` and conversation),
   * each with its model and conversation. Optional, left out when not comparing.
   */
  columns?: ScenarioColumn[];
  /** `response_format` sent with each call (json_object, json_schema); left out for plain text. */
  response_format?: ResponseFormat;
  /** Whose rules the Tools editor checks the tools against; left out: the selected model's provider. */
  check_for?: ProviderFamily[];
  /** Per function, the MCP annotations it was imported with (readOnlyHint, destructiveHint, …); left out when none. */
  tool_annotations?: Record<string, ToolAnnotations>;
  /** Per function, the configured MCP server and tool that can run it ("Run on <server>"); left out when none. */
  mcp_bindings?: Record<string, McpBinding>;
  /** Per function served by MCP, whether a call runs on its server: ask every time (the default), run without asking, never. */
  mcp_policies?: Record<string, McpPolicy>;
};

export type McpBinding = { server: string; tool: string };
export const MCP_POLICIES = ['ask', 'auto', 'never'] as const;
export type McpPolicy = (typeof MCP_POLICIES)[number];

/** MCP tool annotations as kept: flat hints and a title. */
export type ToolAnnotations = Record<string, boolean | number | string>;

/** A model column of Compare beyond the first: its model and its conversation, saved as the scenario's is. */
export type ScenarioColumn = { model: string } & Pick<Scenario, 'messages' | 'results' | 'inspector' | 'alternatives'>;

/** Compare shows at most this many model columns, the scenario's own included. */
export const MAX_COLUMNS = 6;

/** A user turn's expectation: `at` is the index of the user message in the scenario's messages. */
export type TurnExpectationAt = { at: number; expect: TurnExpectation };

/** The answers kept at one point of a conversation: the versions of its tail from `at` on. */
export type ScenarioBranch = {
  /** Index into the messages (of the scenario, or of the version it sits in) where the versions start. */
  at: number;
  /** Which of the versions is the one in those messages: `others` with it put back at this index. */
  current: number;
  /** The versions not shown, in order. */
  others: ScenarioVersion[];
};

export type ScenarioVersion = {
  /** The tail from the branch's point on. */
  messages: ChatMessage[];
  /** Branches inside this tail, `at` counted from its first message. */
  alternatives?: ScenarioBranch[];
  /** Expectations of the user messages in this tail, `at` counted from its first message; left out when none. */
  expectations?: TurnExpectationAt[];
};

/** The guide's example tool, verbatim from its Python sample. */
export const WEATHER_TOOL: Tool = {
  type: 'function',
  function: {
    name: 'get_current_weather',
    description: 'Get the current weather in a given location',
    parameters: {
      type: 'object',
      properties: {
        location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
    },
  },
};

/** A result per city the guide's question names, and one for any other place. */
export const WEATHER_RULES: RulesMock = {
  kind: 'rules',
  rules: [
    { when: '{"location": "New York"}', result: '{"temperature": 22, "unit": "celsius", "description": "Sunny"}' },
    { when: '{"location": "San Francisco"}', result: '{"temperature": 16, "unit": "celsius", "description": "Foggy"}' },
    { when: '{"location": "Chicago"}', result: '{"temperature": 18, "unit": "celsius", "description": "Partly cloudy"}' },
  ],
  default: '{"temperature": 20, "unit": "celsius", "description": "Clear"}',
};

/** The guide's system prompt, verbatim. */
export const GUIDE_SYSTEM_PROMPT =
  'You are a helpful assistant that can access external functions. The responses from these function calls will be appended to this dialogue. Please provide responses based on the information from these function calls.';

/** What a fresh playground opens with: the guide's own example, question typed but not yet sent. */
export const DEFAULT_SCENARIO: Scenario = deepFreeze({
  version: 2,
  name: 'Weather in three cities',
  model: OFFLINE_SIMULATOR_ID,
  system: GUIDE_SYSTEM_PROMPT,
  tools: [WEATHER_TOOL],
  tool_choice: 'auto',
  parallel_tool_calls: true,
  temperature: null,
  max_tokens: null,
  mocks: { get_current_weather: WEATHER_RULES },
  result_schemas: {},
  messages: [],
  draft: 'What is the current temperature of New York, San Francisco, and Chicago?',
  results: {},
  inspector: [],
});

/**
 * Freeze shared constants all the way down, so code that edits one in place instead of copying it
 * fails at once rather than silently changing every later use.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** A deep copy, so callers can change it without touching a shared constant such as a template. */
export function cloneScenario(scenario: Scenario): Scenario {
  return structuredClone(scenario);
}
