/**
 * Whether a turn's tool calls meet its expectation, with BFCL's rules (its `ast_checker`):
 *
 * - a call must name the expected function, and its arguments must be a JSON object;
 * - every parameter the tool requires must be sent ("missing required argument");
 * - every argument sent must be a parameter of the tool and be listed in the expectation
 *   ("unexpected argument"), unless the expectation allows extra arguments; one expected `absent` must
 *   not be sent;
 * - a listed argument that is not optional must be sent ("missing argument");
 * - a value's type must fit its parameter's (`number` takes an integer) unless it is an acceptable value
 *   itself; then it must be acceptable: strings after normalisation (normalize.ts), lists and objects
 *   element by element;
 * - the calls of a turn match in any order, as a proper assignment (each expected call to a distinct
 *   made call; BFCL's greedy search, without its first-fit misses), and there must be exactly as many;
 *   `calls: []` means no tool call at all;
 * - `answer_mentions`: the final answer contains each, both normalised.
 *
 * The exact rule for what cannot be judged yet: a reason that starts with "Pending:" is not a failure.
 * That is the final answer while `answer` is null, and a `schema` expectation before Ajv has loaded in
 * the page (`prepareMatcher()` loads it). `pass` is true when no reason is a failure (pending ones may
 * remain, and `pending` says so); `reasons` lists the failures first, then the pending ones.
 */
import type { Tool } from '@/lib/wire/chat';
import { nestedDeeperThan } from '@/lib/wire/json-depth';
import { isRecord, own } from '@/lib/util/json';
import { loadSchemaEngine } from '@/lib/tools/schema-engine-loader';
import type { ArgumentExpectation, ExpectedCall, TurnExpectation, TurnVerdict } from './types';
import { checkSentArgument, mayBeLeftOut, PENDING } from './argument-check';
import { showValue, standardizeString } from './normalize';

export { PENDING } from './argument-check';

/** A tool call as the model made it: the arguments are the model's text, parsed here. */
export interface MadeToolCall {
  name: string;
  arguments: string;
}

export interface CallVerdict {
  pass: boolean;
  reasons: string[];
}

/** Loads what a `schema` expectation needs (Ajv); until then such a check is pending. */
export async function prepareMatcher(): Promise<void> {
  await loadSchemaEngine();
}

export type ParsedArguments = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

/** A call's arguments parsed; empty text is `{}` (models send it for a function without parameters). */
export function parseArguments(text: string): ParsedArguments {
  let value: unknown;
  try {
    value = JSON.parse(text.trim() === '' ? '{}' : text);
  } catch (error) {
    return { ok: false, reason: `the arguments are not valid JSON (${error instanceof Error ? error.message : 'unreadable'})` };
  }
  if (!isRecord(value)) return { ok: false, reason: `the arguments are ${showValue(value)}, not a JSON object` };
  if (nestedDeeperThan(value)) return { ok: false, reason: 'the arguments nest too deep to check' };
  return { ok: true, value };
}

function parameterSchemas(tool: Tool | undefined): { properties: Record<string, unknown> | null; required: string[]; open: boolean } {
  const parameters = tool?.function.parameters;
  const properties = isRecord(parameters?.properties) ? parameters.properties : null;
  const required = Array.isArray(parameters?.required) ? parameters.required.filter((name): name is string => typeof name === 'string') : [];
  const extra = parameters?.additionalProperties;
  return { properties, required, open: extra === true || isRecord(extra) };
}

/** Each made call's arguments parsed once, however many expected calls it is tried against (matchTurn). */
const parsedCalls = new WeakMap<MadeToolCall, { text: string; parsed: ParsedArguments }>();

function parsedArgumentsOf(call: MadeToolCall): ParsedArguments {
  const cached = parsedCalls.get(call);
  if (cached?.text === call.arguments) return cached.parsed;
  const parsed = parseArguments(call.arguments);
  parsedCalls.set(call, { text: call.arguments, parsed });
  return parsed;
}

/** A call against one expected call. `tool`: the expected function's definition, for its parameters. */
export function matchCall(expected: ExpectedCall, call: MadeToolCall, tool: Tool | undefined): CallVerdict {
  if (call.name !== expected.name) return { pass: false, reasons: [`Called ${call.name}, expected ${expected.name}`] };
  const fn = expected.name;
  const parsed = parsedArgumentsOf(call);
  if (!parsed.ok) return { pass: false, reasons: [`${fn}: ${parsed.reason}`] };
  const args = parsed.value;
  const { properties, required, open } = parameterSchemas(tool);
  const failures: string[] = [];
  const pending: string[] = [];
  for (const name of required) {
    if (!Object.hasOwn(args, name)) failures.push(`${fn}: missing required argument "${name}"`);
  }
  for (const [name, value] of Object.entries(args)) {
    const expectation = own(expected.arguments, name);
    if (properties && !Object.hasOwn(properties, name) && !open) {
      failures.push(`${fn}: unexpected argument "${name}" (${showValue(value)}): the tool has no such parameter`);
    } else if (!expectation) {
      if (!expected.extra) failures.push(`${fn}: unexpected argument "${name}" (${showValue(value)})`);
    } else {
      const verdict = checkSentArgument(fn, name, value, expectation, properties ? own(properties, name) : undefined);
      failures.push(...verdict.failures);
      pending.push(...verdict.pending);
    }
  }
  for (const [name, expectation] of Object.entries(expected.arguments)) {
    if (Object.hasOwn(args, name) || mayBeLeftOut(expectation) || required.includes(name)) continue;
    failures.push(`${fn}: missing argument "${name}"${describeExpectation(expectation)}`);
  }
  return { pass: failures.length === 0, reasons: [...failures, ...pending] };
}

function describeExpectation(expectation: ArgumentExpectation): string {
  switch (expectation.kind) {
    case 'equals':
      return ` (expected ${showValue(expectation.value)})`;
    case 'one_of':
      return ` (expected ${showValue(expectation.values[0])}${expectation.values.length > 1 ? ' or another accepted value' : ''})`;
    case 'regex':
      return ' (expected text matching a pattern)';
    default:
      return '';
  }
}

/** What an expected call asks for, briefly: `get_weather(city "Paris", unit "celsius")`. */
function describeCall(expected: ExpectedCall): string {
  const parts = Object.entries(expected.arguments)
    .filter(([, expectation]) => expectation.kind === 'equals' || expectation.kind === 'one_of')
    .slice(0, 4)
    .map(([name, expectation]) => `${name} ${showValue(expectation.kind === 'equals' ? expectation.value : expectation.kind === 'one_of' ? expectation.values[0] : null)}`);
  return `${expected.name}(${parts.join(', ')})`;
}

function describeMade(call: MadeToolCall): string {
  const text = call.arguments.length > 80 ? `${call.arguments.slice(0, 79)}…` : call.arguments;
  return `${call.name}(${text})`;
}

/**
 * The largest assignment of expected calls to distinct made calls that pass (augmenting paths, as
 * Kuhn's algorithm): expected call i → made call `assigned[i]`, or null.
 */
function assign(passes: boolean[][], made: number): Array<number | null> {
  const owner: Array<number | null> = new Array(made).fill(null);
  const augment = (i: number, seen: boolean[]): boolean => {
    for (let j = 0; j < made; j++) {
      if (!passes[i][j] || seen[j]) continue;
      seen[j] = true;
      const holder = owner[j];
      if (holder === null || augment(holder, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  passes.forEach((_, i) => augment(i, new Array(made).fill(false)));
  const assigned: Array<number | null> = passes.map(() => null);
  owner.forEach((i, j) => {
    if (i !== null) assigned[i] = j;
  });
  return assigned;
}

const plural = (n: number, word: string) => `${n === 0 ? 'no' : n} ${word}${n === 1 ? '' : 's'}`;

/** A turn against its expectation: see the module comment for the rules and the "Pending:" rule. */
export function matchTurn(expect: TurnExpectation, turn: { calls: MadeToolCall[]; answer: string | null }, tools: readonly Tool[]): TurnVerdict {
  const failures: string[] = [];
  const pending: string[] = [];
  const expected = expect.calls;
  const made = turn.calls;
  if (expected.length === 0 && made.length > 0) {
    failures.push(`Expected no tool call, but the model called ${made.map((call) => call.name).join(', ')}`);
  }
  const verdicts = expected.map((call) => {
    const tool = tools.find((candidate) => candidate.function.name === call.name);
    return made.map((made) => matchCall(call, made, tool));
  });
  const matched = assign(
    verdicts.map((row) => row.map((verdict) => verdict.pass)),
    made.length,
  );
  matched.forEach((j, i) => {
    if (j !== null) pending.push(...verdicts[i][j].reasons.filter((reason) => reason.startsWith(PENDING)));
  });
  if (expected.length > 0 && made.length !== expected.length) {
    failures.push(`Expected ${plural(expected.length, 'tool call')}, the model made ${plural(made.length, 'call')}`);
  }
  // Explain what is left: each unmatched expected call by its closest unmatched made call.
  const free = new Set(made.map((_, j) => j).filter((j) => !matched.includes(j)));
  const unmatched = expected.map((_, i) => i).filter((i) => matched[i] === null);
  const leftOver: number[] = [];
  for (const i of unmatched) {
    const sameName = [...free].filter((j) => made[j].name === expected[i].name);
    if (sameName.length === 0) {
      leftOver.push(i);
      continue;
    }
    const closest = sameName.reduce((best, j) => (verdicts[i][j].reasons.length < verdicts[i][best].reasons.length ? j : best));
    free.delete(closest);
    failures.push(...verdicts[i][closest].reasons.filter((reason) => !reason.startsWith(PENDING)));
  }
  for (const i of leftOver) {
    const other = [...free].find((j) => !expected.some((call) => call.name === made[j].name));
    if (other !== undefined && made.length === expected.length) {
      free.delete(other);
      failures.push(`Called ${made[other].name}, expected ${expected[i].name}`);
    } else {
      failures.push(`Missing call: ${describeCall(expected[i])}`);
    }
  }
  if (expected.length > 0) for (const j of free) failures.push(`Extra call: ${describeMade(made[j])}`);
  if (expect.answer_mentions?.length) {
    if (turn.answer === null) {
      pending.push(`${PENDING} the final answer should mention ${expect.answer_mentions.map((m) => `"${m}"`).join(', ')}`);
    } else {
      const answer = standardizeString(turn.answer);
      for (const mention of expect.answer_mentions) {
        if (!answer.includes(standardizeString(mention))) failures.push(`The final answer does not mention "${mention}"`);
      }
    }
  }
  const reasons = [...new Set([...failures, ...pending])];
  return { pass: failures.length === 0, reasons, matched, ...(pending.length > 0 ? { pending: true } : {}) };
}
