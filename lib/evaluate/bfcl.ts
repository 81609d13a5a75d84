/**
 * A BFCL question file (and its `possible_answer` file) as test cases. Each question line becomes a
 * case with the same id, its messages, its functions as tools (bfcl-schema.ts: JSON Schema and
 * OpenAI-valid names, with `names` mapping them back) and its expectation from the ground truth:
 * each ground-truth call an expected call; per argument, one acceptable value → `equals`, several →
 * `one_of`, `""` among them → optional, only `""` → `absent`; an argument the ground truth does not
 * list is unexpected (the matcher's default, as BFCL's). A `dict` value (each key a list of acceptable
 * values) becomes the objects those lists allow. Without an answers file (BFCL's irrelevance
 * category) a case expects no tool call. A bad line is a problem in words; the others still import.
 */
import { describeIssues } from '@/lib/wire/chat';
import { canonicalJson, isRecord, own, setOwn } from '@/lib/util/json';
import { EVALUATE_LIMITS, testCaseSchema, type ArgumentExpectation, type ExpectedCall, type TestCase } from './types';
import { bfclToJsonSchema, wireNames } from './bfcl-schema';
import { readJsonLines } from './json-lines';

interface BfclFunction {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

/** Stands for "this key may be left out" while a dict's acceptable objects are listed. */
const OMIT = Symbol('omit');

/** The types BFCL names for a parameter and its items (before conversion). */
function typesOf(fn: BfclFunction, param: string): { type: unknown; items: unknown } {
  const properties = isRecord(fn.parameters?.properties) ? fn.parameters.properties : {};
  const schema = own(properties, param);
  return { type: isRecord(schema) ? schema.type : undefined, items: isRecord(schema) && isRecord(schema.items) ? schema.items.type : undefined };
}

/** Every object a BFCL dict answer allows (each key maps to its acceptable values), at most `cap`. */
function dictObjects(answer: Record<string, unknown>, cap: number): Array<Record<string, unknown>> {
  let objects: Array<Record<string, unknown>> = [{}];
  for (const [key, acceptable] of Object.entries(answer)) {
    const choices = (Array.isArray(acceptable) ? acceptable : [acceptable]).map((value) => (value === '' ? OMIT : value));
    const next: Array<Record<string, unknown>> = [];
    for (const object of objects) {
      for (const choice of choices) {
        if (next.length >= cap) break;
        const copy = { ...object };
        if (choice !== OMIT) setOwn(copy, key, choice);
        next.push(copy);
      }
    }
    objects = next;
  }
  return objects;
}

/** The concrete values one acceptable BFCL value stands for (a dict's, or a list of dicts', expanded). */
function expand(value: unknown, type: unknown, items: unknown, cap: number): unknown[] {
  if (type === 'dict' && isRecord(value)) return dictObjects(value, cap);
  if ((type === 'array' || type === 'tuple') && items === 'dict' && Array.isArray(value) && value.every(isRecord)) {
    let lists: unknown[][] = [[]];
    for (const element of value) {
      const objects = dictObjects(element, cap);
      lists = lists.flatMap((list) => objects.map((object) => [...list, object])).slice(0, cap);
    }
    return lists;
  }
  return [value];
}

function argumentExpectation(fn: BfclFunction, param: string, acceptable: unknown[], problems: string[]): ArgumentExpectation {
  const optional = acceptable.includes('');
  const { type, items } = typesOf(fn, param);
  const cap = EVALUATE_LIMITS.maxValues;
  const seen = new Set<string>();
  const values: unknown[] = [];
  for (const value of acceptable) {
    if (value === '') continue;
    for (const concrete of expand(value, type, items, cap + 1)) {
      const key = canonicalJson(concrete);
      if (!seen.has(key)) {
        seen.add(key);
        values.push(concrete);
      }
    }
  }
  if (values.length > cap) problems.push(`${fn.name}: "${param}" allows more than ${cap} values; only the first ${cap} are kept`);
  const kept = values.slice(0, cap);
  if (kept.length === 0) return { kind: 'absent' };
  const flag = optional ? { optional: true } : {};
  return kept.length === 1 ? { kind: 'equals', value: kept[0], ...flag } : { kind: 'one_of', values: kept, ...flag };
}

function expectedCall(call: unknown, functions: BfclFunction[], names: Map<string, string>, problems: string[]): ExpectedCall | null {
  if (!isRecord(call) || Object.keys(call).length !== 1) {
    problems.push('a ground-truth call is not an object with one function name');
    return null;
  }
  const [name, args] = Object.entries(call)[0];
  const fn = functions.find((candidate) => candidate.name === name);
  if (!fn) {
    problems.push(`the ground truth calls ${name}, which the question does not offer`);
    return null;
  }
  if (!isRecord(args)) {
    problems.push(`${name}: the ground truth's arguments are not an object`);
    return null;
  }
  const expected: ExpectedCall = { name: names.get(name) ?? name, arguments: {} };
  for (const [param, acceptable] of Object.entries(args)) {
    if (!Array.isArray(acceptable)) {
      problems.push(`${name}: the acceptable values of "${param}" are not a list`);
      return null;
    }
    setOwn(expected.arguments, param, argumentExpectation(fn, param, acceptable, problems));
  }
  return expected;
}

function readFunctions(value: unknown): BfclFunction[] | string {
  if (!Array.isArray(value)) return '"function" is not a list';
  for (const fn of value) {
    if (!isRecord(fn) || typeof fn.name !== 'string' || fn.name === '') return 'a function has no name';
    if (fn.parameters !== undefined && !isRecord(fn.parameters)) return `${fn.name}: "parameters" is not an object`;
  }
  return value as BfclFunction[];
}

/** The first turn's messages (the categories read here have one turn). */
function readMessages(question: unknown): unknown[] | string {
  if (!Array.isArray(question) || question.length === 0) return '"question" is not a list of turns';
  const first: unknown = question[0];
  if (Array.isArray(first)) return question.length === 1 ? first : `${question.length} turns: only single-turn questions are imported`;
  // Some BFCL versions store one turn as a flat list of messages.
  return question;
}

function readAnswers(answersText: string, problems: string[]): Map<string, unknown[]> {
  const answers = new Map<string, unknown[]>();
  const read = readJsonLines(answersText);
  problems.push(...read.problems.map((problem) => `Answers file, ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`));
  for (const { line, value } of read.rows) {
    if (!isRecord(value) || typeof value.id !== 'string' || !Array.isArray(value.ground_truth)) {
      problems.push(`Answers file, line ${line}: not {"id", "ground_truth": [...]}`);
    } else answers.set(value.id, value.ground_truth);
  }
  return answers;
}

/** See the module comment. `answersText` absent: every case expects no tool call. */
export function importBfcl(questionsText: string, answersText?: string): { cases: TestCase[]; problems: string[] } {
  const problems: string[] = [];
  const answers = answersText === undefined ? null : readAnswers(answersText, problems);
  const read = readJsonLines(questionsText);
  problems.push(...read.problems);
  const cases: TestCase[] = [];
  const ids = new Set<string>();
  for (const { line, value } of read.rows) {
    const label = isRecord(value) && typeof value.id === 'string' ? `Line ${line} (${value.id.slice(0, 80)})` : `Line ${line}`;
    const caseProblems: string[] = [];
    const built = buildCase(value, answers, caseProblems);
    if (typeof built === 'string') {
      problems.push(`${label}: ${built}`);
      continue;
    }
    const parsed = testCaseSchema.safeParse(built);
    if (!parsed.success) {
      problems.push(`${label}: ${describeIssues(parsed.error.issues)}`);
      continue;
    }
    if (ids.has(parsed.data.id)) {
      problems.push(`${label}: the id is used by an earlier case`);
      continue;
    }
    ids.add(parsed.data.id);
    problems.push(...caseProblems.map((problem) => `${label}: ${problem}`));
    cases.push(parsed.data);
  }
  return { cases, problems };
}

function buildCase(value: unknown, answers: Map<string, unknown[]> | null, problems: string[]): unknown {
  if (!isRecord(value)) return 'not a JSON object';
  if (typeof value.id !== 'string' || value.id === '') return 'no "id"';
  const functions = readFunctions(value.function);
  if (typeof functions === 'string') return functions;
  const messages = readMessages(value.question);
  if (typeof messages === 'string') return messages;
  const names = wireNames(functions.map((fn) => fn.name));
  const tools = functions.map((fn) => ({
    type: 'function',
    function: {
      name: names.get(fn.name),
      ...(fn.description !== undefined ? { description: fn.description } : {}),
      parameters: bfclToJsonSchema(fn.parameters ?? { type: 'dict', properties: {} }),
    },
  }));
  let calls: ExpectedCall[] = [];
  if (answers) {
    const truth = answers.get(value.id);
    if (!truth) return 'the answers file has no ground truth for this id';
    const found = truth.map((call) => expectedCall(call, functions, names, problems));
    if (found.some((call) => call === null)) return problems.splice(0).join('; ');
    calls = found as ExpectedCall[];
  }
  const renamed = [...names].filter(([dataset, wire]) => dataset !== wire).map(([dataset, wire]) => [wire, dataset]);
  return { id: value.id, messages, expect: { calls }, tools, ...(renamed.length > 0 ? { names: Object.fromEntries(renamed) } : {}) };
}
