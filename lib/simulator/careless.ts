/**
 * The careless persona, model id `offline-simulator-careless`: the simulator's own calls, then, for two
 * requests in three, one of the mistakes models make. Which one is chosen by a hash of the conversation
 * and the tools, never at random, so the same case always gets the same mistake and different cases get
 * different ones; a mistake that does not apply to the calls (no enum to break, one call only…) is not
 * chosen. Every mistake it can make is in MISTAKES, by name (the README's simulator section lists them).
 * A function with `strict: true` gets no schema-breaking mistake, as OpenAI's strict mode guarantees; its
 * answers under `response_format` are the simulator's own (valid) JSON.
 */
import type { ChatRequest, Tool } from '@/lib/wire/chat';
import { hashText } from '@/lib/util/hash';
import { canonicalJson, isRecord, own, setOwn } from '@/lib/util/json';
import { argumentSets } from './calls';
import type { Facts } from './facts';
import { relevance } from './relevance';
import { flatten, isSchemaObject, schemaMap, stringList, toSchema, type JsonSchema } from './schema';
import { keywords } from './words';

export type MistakeName =
  | 'missing-required-argument'
  | 'enum-value-outside-list'
  | 'invented-parameter'
  | 'number-as-string'
  | 'dropped-parallel-calls'
  | 'similar-function';

/** A call as the persona plans it: the function's name and its parsed arguments. */
export interface CarelessCall {
  name: string;
  args: unknown;
}

interface Situation {
  tools: readonly Tool[];
  facts: Facts;
  /** `tool_choice` names a function: the API would refuse any other, so the persona keeps to it. */
  forced: boolean;
  /** Picks among equally fitting choices (which required argument, which invented name). */
  seed: number;
  /**
   * Functions with `strict: true`: OpenAI's structured outputs keep their arguments to the schema, so the
   * mistakes that break a schema are not made on their calls (the others still are).
   */
  strict: ReadonlySet<string>;
}

interface Mistake {
  name: MistakeName;
  /** What it does, in words (shown in the README). */
  description: string;
  /** The calls with the mistake made, or null when it cannot be made on these calls. */
  make: (calls: readonly CarelessCall[], situation: Situation) => CarelessCall[] | null;
}

export const MISTAKES: readonly Mistake[] = [
  {
    name: 'missing-required-argument',
    description: 'leaves out one required argument of a call',
    make: (calls, { tools, seed, strict }) =>
      onFirst(calls, strict, (call) => {
        const args = argsOf(call);
        const present = args ? stringList(rootOf(tools, call.name), 'required').filter((key) => Object.hasOwn(args, key)) : [];
        if (!args || !present.length) return null;
        const dropped = present[seed % present.length];
        return { ...call, args: Object.fromEntries(Object.entries(args).filter(([key]) => key !== dropped)) };
      }),
  },
  {
    name: 'enum-value-outside-list',
    description: 'sends a value outside a parameter’s enum (an abbreviation, or a made-up option)',
    make: (calls, { tools, strict }) =>
      onFirst(calls, strict, (call) => {
        const args = argsOf(call);
        const root = rootOf(tools, call.name);
        if (!args) return null;
        for (const [key, property] of Object.entries(schemaMap(root, 'properties'))) {
          const options = flatten(property, root).enum;
          if (!Array.isArray(options) || !options.length) continue;
          const wrong = outsideEnum(options, own(args, key));
          if (wrong !== undefined) return { ...call, args: withArgument(args, key, wrong) };
        }
        return null;
      }),
  },
  {
    name: 'invented-parameter',
    description: 'adds a parameter the function does not have',
    make: (calls, { tools, seed, strict }) =>
      onFirst(calls, strict, (call) => {
        const args = argsOf(call);
        if (!args) return null;
        const properties = schemaMap(rootOf(tools, call.name), 'properties');
        const free = INVENTED.filter(([key]) => !Object.hasOwn(properties, key) && !Object.hasOwn(args, key));
        if (!free.length) return null;
        const [key, value] = free[seed % free.length];
        return { ...call, args: withArgument(args, key, value) };
      }),
  },
  {
    name: 'number-as-string',
    description: 'sends a number as a string ("5" for 5)',
    make: (calls, { strict }) =>
      onFirst(calls, strict, (call) => {
        const args = argsOf(call);
        const key = args ? Object.keys(args).find((name) => typeof args[name] === 'number') : undefined;
        return args && key !== undefined ? { ...call, args: withArgument(args, key, String(args[key])) } : null;
      }),
  },
  {
    name: 'dropped-parallel-calls',
    description: 'makes only the first of several calls that were due in one turn',
    make: (calls) => (calls.length >= 2 ? calls.slice(0, 1) : null),
  },
  {
    name: 'similar-function',
    description: 'calls the wrong one of two similar functions (names sharing a word, or both about the message), with arguments for it',
    make: (calls, { tools, facts, forced }) => {
      if (forced) return null;
      return onFirst(calls, NONE, (call) => {
        const other = similarTool(tools, call.name, facts);
        return other ? { name: other.function.name, args: argumentSets(other, facts, false)[0]?.value ?? {} } : null;
      });
    },
  },
];

/** The persona answers correctly when the hash is a multiple of this: one request in three. */
const CORRECT_EVERY = 3;

/** Parameters models invent, with the value they send. */
const INVENTED: ReadonlyArray<readonly [string, unknown]> = [
  ['verbose', true],
  ['include_details', true],
  ['response_format', 'json'],
  ['language', 'en'],
  ['max_results', 5],
];

/** The mistake for this request, if any, and the calls with it made. */
export function carelessCalls(
  request: Pick<ChatRequest, 'messages' | 'tools' | 'tool_choice'>,
  calls: readonly CarelessCall[],
  facts: Facts,
): { calls: CarelessCall[]; mistake: MistakeName | null } {
  const hash = parseInt(hashText(canonicalJson({ messages: request.messages, tools: request.tools ?? [] })).slice(0, 8), 16);
  const unchanged = { calls: [...calls], mistake: null };
  if (!calls.length || hash % CORRECT_EVERY === 0) return unchanged;
  const tools = request.tools ?? [];
  const strict = new Set(tools.filter((tool) => tool.function.strict === true).map((tool) => tool.function.name));
  const situation: Situation = { tools, facts, forced: typeof request.tool_choice === 'object', seed: hash >>> 8, strict };
  const made = MISTAKES.map((mistake) => ({ name: mistake.name, calls: mistake.make(calls, situation) })).filter(
    (outcome): outcome is { name: MistakeName; calls: CarelessCall[] } => outcome.calls !== null,
  );
  const chosen = made[Math.floor(hash / CORRECT_EVERY) % Math.max(1, made.length)];
  return chosen ? { calls: chosen.calls, mistake: chosen.name } : unchanged;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The calls with `change` made to the first call it applies to, or null when it applies to none; calls
 * to the functions in `spared` are left alone.
 */
function onFirst(
  calls: readonly CarelessCall[],
  spared: ReadonlySet<string>,
  change: (call: CarelessCall) => CarelessCall | null,
): CarelessCall[] | null {
  for (let i = 0; i < calls.length; i++) {
    const changed = spared.has(calls[i].name) ? null : change(calls[i]);
    if (changed) return calls.map((call, j) => (j === i ? changed : call));
  }
  return null;
}

function argsOf(call: CarelessCall): Record<string, unknown> | null {
  return isRecord(call.args) ? call.args : null;
}

function rootOf(tools: readonly Tool[], name: string): JsonSchema {
  const parameters = tools.find((tool) => tool.function.name === name)?.function.parameters;
  const root = toSchema(parameters);
  return isSchemaObject(parameters) ? flatten(root, root) : {};
}

function withArgument(args: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(args)) setOwn(copy, name, item);
  setOwn(copy, key, value);
  return copy;
}

/** As BFCL compares strings: case, spaces and punctuation do not count, so a near-miss must differ beyond them. */
function normalized(value: unknown): string {
  return String(value).toLowerCase().replace(/[\s,./\-_*^'"]/g, '');
}

/** A value a careless model sends for an enum: "F" for "fahrenheit", one past the largest number, "other". */
function outsideEnum(options: readonly unknown[], current: unknown): unknown {
  const taken = new Set(options.map(normalized));
  const numbers = options.filter((option): option is number => typeof option === 'number');
  if (numbers.length === options.length) return Math.max(...numbers) + 1;
  const base = typeof current === 'string' && current ? current : options.find((option) => typeof option === 'string');
  const candidates = typeof base === 'string' ? [base.charAt(0).toUpperCase(), `${base}_other`, 'other'] : ['other'];
  return candidates.find((candidate) => candidate.trim() && !taken.has(normalized(candidate)));
}

/** Another tool whose name shares the most words with `name`'s, else the one the message relates to most. */
function similarTool(tools: readonly Tool[], name: string, facts: Facts): Tool | undefined {
  const words = new Set(keywords(name));
  let best: { tool: Tool; shared: number; related: number } | undefined;
  for (const tool of tools) {
    if (tool.function.name === name) continue;
    const shared = keywords(tool.function.name).filter((word) => words.has(word)).length;
    const related = relevance(tool, facts.concepts);
    if (!shared && !related) continue;
    if (!best || shared > best.shared || (shared === best.shared && related > best.related)) best = { tool, shared, related };
  }
  return best?.tool;
}
