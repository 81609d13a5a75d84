/**
 * The expectation editor's form as text fields (components/evaluate/expectation-editor.tsx), and the
 * way to and from a TurnExpectation. Kept as typed, so that a value that does not parse yet loses
 * nothing: Save says what is wrong, field by field, and the form stays as it was.
 */
import { EVALUATE_LIMITS, turnExpectationSchema, type ArgumentExpectation, type ExpectedCall, type TurnExpectation } from '@/lib/evaluate/types';
import { describeIssues, type Tool } from '@/lib/wire/chat';
import { isRecord } from '@/lib/util/json';

export type RuleKind = ArgumentExpectation['kind'];

/** The rules in the order the editor offers them, with their labels. */
export const RULES: ReadonlyArray<{ kind: RuleKind; label: string }> = [
  { kind: 'equals', label: 'equals' },
  { kind: 'one_of', label: 'one of' },
  { kind: 'regex', label: 'matches regex' },
  { kind: 'schema', label: 'matches JSON Schema' },
  { kind: 'any', label: 'any value' },
  { kind: 'absent', label: 'must be absent' },
];

/** The rules whose value is JSON text, and what that text must be. */
const JSON_VALUE: Partial<Record<RuleKind, string>> = {
  equals: 'a JSON value, e.g. "Boston, MA" or 3',
  one_of: 'a JSON list of values, e.g. ["Boston, MA", "Boston"]',
  schema: 'a JSON Schema object, e.g. {"type": "string"}',
};

export function valueHint(kind: RuleKind): string | null {
  return kind === 'regex' ? 'a regular expression, e.g. ^Boston' : (JSON_VALUE[kind] ?? null);
}

export interface ArgumentDraft {
  /** Stable for React keys and field ids. */
  id: string;
  name: string;
  kind: RuleKind;
  /** The value as typed: JSON for equals, one of and schema; the pattern for regex; unused otherwise. */
  value: string;
  /** "May be left out" (not offered for "must be absent"). */
  optional: boolean;
}

export interface CallDraft {
  id: string;
  name: string;
  args: ArgumentDraft[];
  /** Arguments not listed may be sent too. */
  extra: boolean;
}

export interface ExpectationDraft {
  noCall: boolean;
  calls: CallDraft[];
  mentions: string[];
}

let counter = 0;
const newId = () => `x${(counter += 1)}`;

export function argumentDraft(name: string, kind: RuleKind = 'any', value = '', optional = false): ArgumentDraft {
  return { id: newId(), name, kind, value, optional };
}

/** The parameters a tool declares, required ones first (as its schema lists them). */
function parametersOf(tool: Tool | undefined): Array<{ name: string; required: boolean }> {
  const parameters = tool?.function.parameters;
  const properties = isRecord(parameters) && isRecord(parameters.properties) ? Object.keys(parameters.properties) : [];
  const required = isRecord(parameters) && Array.isArray(parameters.required) ? parameters.required.filter((n): n is string => typeof n === 'string') : [];
  return properties.map((name) => ({ name, required: required.includes(name) })).sort((a, b) => Number(b.required) - Number(a.required));
}

/** A new expected call of a function: each of its parameters "any value", those it does not require "may be left out". */
export function callDraftFor(name: string, tools: readonly Tool[]): CallDraft {
  const tool = tools.find((t) => t.function.name === name);
  return { id: newId(), name, args: parametersOf(tool).map((p) => argumentDraft(p.name, 'any', '', !p.required)), extra: false };
}

const json = (value: unknown) => JSON.stringify(value);

function argumentToDraft(name: string, rule: ArgumentExpectation): ArgumentDraft {
  const optional = rule.kind !== 'absent' && Boolean(rule.optional);
  switch (rule.kind) {
    case 'equals':
      return argumentDraft(name, 'equals', json(rule.value), optional);
    case 'one_of':
      return argumentDraft(name, 'one_of', json(rule.values), optional);
    case 'regex':
      return argumentDraft(name, 'regex', rule.pattern, optional);
    case 'schema':
      return argumentDraft(name, 'schema', json(rule.schema), optional);
    default:
      return argumentDraft(name, rule.kind, '', optional);
  }
}

export function draftFromExpectation(expect: TurnExpectation): ExpectationDraft {
  return {
    noCall: expect.calls.length === 0,
    calls: expect.calls.map((call) => ({
      id: newId(),
      name: call.name,
      args: Object.entries(call.arguments).map(([name, rule]) => argumentToDraft(name, rule)),
      extra: Boolean(call.extra),
    })),
    mentions: expect.answer_mentions ?? [],
  };
}

/**
 * "Expect what it did": each call the turn made, every argument it sent equal to what it sent; a turn
 * that called nothing expects no tool call. Arguments that are not a JSON object are left for the person.
 */
export function draftFromCalls(calls: ReadonlyArray<{ name: string; arguments: string }>): ExpectationDraft {
  return {
    noCall: calls.length === 0,
    calls: calls.slice(0, EVALUATE_LIMITS.maxExpectedCalls).map((call) => {
      let args: unknown = null;
      try {
        args = call.arguments.trim() ? JSON.parse(call.arguments) : {};
      } catch {
        // Not JSON: nothing to prefill.
      }
      const sent = isRecord(args) ? Object.entries(args).slice(0, EVALUATE_LIMITS.maxArguments) : [];
      return { id: newId(), name: call.name, args: sent.map(([name, value]) => argumentDraft(name, 'equals', json(value))), extra: false };
    }),
    mentions: [],
  };
}

/** A problem with one field of the form, for the person: `field` is the id of the field it is about. */
export interface DraftProblem {
  field: string;
  message: string;
}

export type DraftResult = { ok: true; expect: TurnExpectation } | { ok: false; problems: DraftProblem[] };

/** Field ids, shared with the editor so a problem can point at its field. */
export const fieldId = {
  function: (call: CallDraft) => `${call.id}-function`,
  name: (arg: ArgumentDraft) => `${arg.id}-name`,
  value: (arg: ArgumentDraft) => `${arg.id}-value`,
  mention: (index: number) => `mention-${index}`,
};

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function argumentRule(arg: ArgumentDraft, where: string): ArgumentExpectation | DraftProblem {
  const field = fieldId.value(arg);
  const optional = arg.optional ? { optional: true } : {};
  if (arg.kind === 'any') return { kind: 'any', ...optional };
  if (arg.kind === 'absent') return { kind: 'absent' };
  if (arg.kind === 'regex') {
    try {
      // Parsed only, never run here: the matcher runs it in linear time.
      new RegExp(arg.value, 'u');
    } catch (error) {
      return { field, message: `${where}: the regular expression does not parse (${error instanceof Error ? error.message : String(error)}).` };
    }
    return { kind: 'regex', pattern: arg.value, ...optional };
  }
  if (!arg.value.trim()) return { field, message: `${where}: type ${JSON_VALUE[arg.kind]}.` };
  const parsed = parseJson(arg.value);
  if (!parsed.ok) return { field, message: `${where}: this is not JSON (${parsed.message}); type ${JSON_VALUE[arg.kind]}.` };
  if (arg.kind === 'equals') return { kind: 'equals', value: parsed.value, ...optional };
  if (arg.kind === 'one_of') {
    if (!Array.isArray(parsed.value) || parsed.value.length === 0) return { field, message: `${where}: type ${JSON_VALUE.one_of}, with at least one value.` };
    return { kind: 'one_of', values: parsed.value, ...optional };
  }
  if (!isRecord(parsed.value)) return { field, message: `${where}: type ${JSON_VALUE.schema}.` };
  return { kind: 'schema', schema: parsed.value, ...optional };
}

/** The form as an expectation, or every problem that stops it being one (each naming its field). */
export function expectationFromDraft(draft: ExpectationDraft): DraftResult {
  const problems: DraftProblem[] = [];
  const calls: ExpectedCall[] = [];
  if (!draft.noCall) {
    if (draft.calls.length === 0) problems.push({ field: 'add-call', message: 'Add the call this turn should make, or choose “No tool call”.' });
    draft.calls.forEach((call, i) => {
      const label = `Call ${i + 1}`;
      if (!call.name) problems.push({ field: fieldId.function(call), message: `${label}: choose its function.` });
      const args: ExpectedCall['arguments'] = {};
      for (const arg of call.args) {
        const where = `${label}, argument ${arg.name.trim() ? `“${arg.name.trim()}”` : '(no name)'}`;
        const name = arg.name.trim();
        if (!name) {
          problems.push({ field: fieldId.name(arg), message: `${where}: type its name.` });
          continue;
        }
        if (Object.hasOwn(args, name)) {
          problems.push({ field: fieldId.name(arg), message: `${where} is listed twice: keep one rule per argument.` });
          continue;
        }
        const rule = argumentRule(arg, where);
        if ('message' in rule) problems.push(rule);
        // defineProperty: an argument named __proto__ is data, not the object's prototype.
        else Object.defineProperty(args, name, { value: rule, enumerable: true, writable: true, configurable: true });
      }
      calls.push({ name: call.name, arguments: args, ...(call.extra ? { extra: true } : {}) });
    });
  }
  const mentions = draft.mentions.map((text) => text.trim());
  mentions.forEach((text, i) => {
    if (!text) problems.push({ field: fieldId.mention(i), message: `The final answer mentions …: mention ${i + 1} is empty (type it, or remove it).` });
  });
  if (problems.length) return { ok: false, problems };
  const expect: TurnExpectation = mentions.length ? { calls, answer_mentions: mentions } : { calls };
  // The bounds (lengths, counts) are the schema's: say them in its words.
  const checked = turnExpectationSchema.safeParse(expect);
  if (!checked.success) return { ok: false, problems: [{ field: 'add-call', message: `This expectation is too large: ${describeIssues(checked.error.issues)}` }] };
  return { ok: true, expect };
}
