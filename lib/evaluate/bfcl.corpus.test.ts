/**
 * The whole BFCL corpus (../shared/corpus/bfcl, beside the repository; never copied in): every case
 * imports; the ground truth itself, sent as calls, passes every case; and deterministic perturbations
 * of it each fail with the matching reason. (That every converted tool lints clean takes seconds of
 * schema compiling: bfcl.corpus.slow.test.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isRecord, own } from '@/lib/util/json';
import type { Tool } from '@/lib/wire/chat';
import { importBfcl } from './bfcl';
import { matchTurn, prepareMatcher, type MadeToolCall } from './match';
import { valuesEqual } from './normalize';
import type { TestCase } from './types';

const CORPUS = path.resolve(process.cwd(), '../shared/corpus/bfcl');
const FILES = ['BFCL_v4_simple_python.json', 'BFCL_v4_multiple.json', 'BFCL_v4_parallel.json', 'BFCL_v4_parallel_multiple.json', 'BFCL_v4_irrelevance.json'];

interface Loaded {
  file: string;
  cases: TestCase[];
  problems: string[];
  /** id → BFCL's ground truth, as the file has it. */
  truth: Map<string, Array<Record<string, Record<string, unknown[]>>>>;
  lines: number;
}

function load(file: string): Loaded {
  const questions = fs.readFileSync(path.join(CORPUS, file), 'utf8');
  const answersPath = path.join(CORPUS, 'possible_answer', file);
  const answers = fs.existsSync(answersPath) ? fs.readFileSync(answersPath, 'utf8') : undefined;
  const truth = new Map<string, Array<Record<string, Record<string, unknown[]>>>>();
  for (const line of answers?.trim().split('\n') ?? []) {
    const row = JSON.parse(line) as { id: string; ground_truth: Array<Record<string, Record<string, unknown[]>>> };
    truth.set(row.id, row.ground_truth);
  }
  return { file, ...importBfcl(questions, answers), truth, lines: questions.trim().split('\n').length };
}

/**
 * BFCL's own first choice for an acceptable value: `""` first means "leave it out" — except where the
 * data contradicts its function: a few answers mark a required parameter optional (simple_python_200),
 * or list one the function does not define (parallel_multiple_26); BFCL's checker fails those calls
 * too, so the ideal call sends the first real value, or leaves the undefined one out.
 */
const OMIT = Symbol('omit');
function firstChoice(acceptable: unknown[], required: boolean, defined: boolean): unknown {
  if (!defined && acceptable.includes('')) return OMIT;
  const first = required ? acceptable.find((value) => value !== '') : acceptable[0];
  if (first === '') return OMIT;
  if (isRecord(first)) return dictFirst(first);
  if (Array.isArray(first) && first.length > 0 && first.every(isRecord)) return first.map((item) => dictFirst(item as Record<string, unknown>));
  return first;
}
function dictFirst(dict: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, acceptable] of Object.entries(dict)) {
    const value = Array.isArray(acceptable) ? acceptable[0] : acceptable;
    if (value !== '') out[key] = value;
  }
  return out;
}

/** The case's ideal calls, built from the raw ground truth (not from the imported expectation). */
function idealCalls(testCase: TestCase, truth: Loaded['truth']): Array<{ name: string; args: Record<string, unknown> }> {
  const wireOf = new Map(Object.entries(testCase.names ?? {}).map(([wire, dataset]) => [dataset, wire]));
  return (truth.get(testCase.id) ?? []).map((call) => {
    const [name, params] = Object.entries(call)[0];
    const wire = wireOf.get(name) ?? name;
    const parameters = toolOf(testCase, wire)?.function.parameters;
    const required = Array.isArray(parameters?.required) ? parameters.required : [];
    const properties = isRecord(parameters?.properties) ? parameters.properties : {};
    const args: Record<string, unknown> = {};
    for (const [param, acceptable] of Object.entries(params)) {
      const value = firstChoice(acceptable, required.includes(param), Object.hasOwn(properties, param));
      if (value !== OMIT) args[param] = value;
    }
    return { name: wire, args };
  });
}

const asCalls = (calls: Array<{ name: string; args: Record<string, unknown> }>): MadeToolCall[] => calls.map((call) => ({ name: call.name, arguments: JSON.stringify(call.args) }));
const tools = (testCase: TestCase): Tool[] => testCase.tools ?? [];
const toolOf = (testCase: TestCase, name: string) => tools(testCase).find((tool) => tool.function.name === name);

/** A value of the same type that no acceptable value matches, or undefined when there is none simple. */
function wrongValue(value: unknown): unknown {
  if (typeof value === 'string') return `${value} not this`;
  if (typeof value === 'number') return Number.isInteger(value) ? value + 1_000 : value + 1_000.5;
  if (typeof value === 'boolean') return !value;
  if (Array.isArray(value) && value.length > 0 && !isRecord(value[0])) return [...value, value[0]];
  return undefined;
}

let corpus: Loaded[] = [];
beforeAll(async () => {
  await prepareMatcher();
  corpus = FILES.map(load);
});

describe('the BFCL corpus', () => {
  it('imports every case with its id and no problem', () => {
    for (const { file, cases, problems, lines } of corpus) {
      expect(problems, file).toEqual([]);
      expect(cases.length, file).toBe(lines);
    }
    expect(corpus.reduce((n, file) => n + file.cases.length, 0)).toBe(1_240);
    const dotted = corpus.flatMap((file) => file.cases).find((testCase) => testCase.id === 'parallel_multiple_0');
    expect(dotted?.names).toEqual({ math_toolkit_sum_of_multiples: 'math_toolkit.sum_of_multiples', math_toolkit_product_of_primes: 'math_toolkit.product_of_primes' });
  });

  it('passes the ground truth itself, on every case', () => {
    for (const { file, cases, truth } of corpus) {
      for (const testCase of cases) {
        const verdict = matchTurn(testCase.expect, { calls: asCalls(idealCalls(testCase, truth)), answer: null }, tools(testCase));
        expect(verdict.reasons, `${file} ${testCase.id}`).toEqual([]);
        expect(verdict.pass).toBe(true);
      }
    }
  });
});

describe('perturbations of the ground truth fail with the matching reason', () => {
  const answered = () => corpus.filter((file) => file.truth.size > 0).flatMap(({ cases, truth }) => cases.map((testCase) => ({ testCase, ideal: idealCalls(testCase, truth) })));
  const verdictOf = (testCase: TestCase, calls: Array<{ name: string; args: Record<string, unknown> }>) =>
    matchTurn(testCase.expect, { calls: asCalls(calls), answer: null }, tools(testCase));

  it('a wrong value', () => {
    let tried = 0;
    for (const { testCase, ideal } of answered()) {
      const [first, ...rest] = ideal;
      const expected = testCase.expect.calls.find((call) => call.name === first.name)!;
      const param = Object.keys(first.args).find((name) => {
        const wrong = wrongValue(first.args[name]);
        const expectation = own(expected.arguments, name);
        const acceptable = expectation?.kind === 'equals' ? [expectation.value] : expectation?.kind === 'one_of' ? expectation.values : [];
        return wrong !== undefined && !acceptable.some((value) => valuesEqual(value, wrong));
      });
      if (!param) continue;
      tried++;
      const wrong = wrongValue(first.args[param]);
      const verdict = verdictOf(testCase, [{ name: first.name, args: { ...first.args, [param]: wrong } }, ...rest]);
      expect(verdict.pass, testCase.id).toBe(false);
      expect(verdict.reasons.some((reason) => reason.startsWith(`${first.name}: ${param} `)), `${testCase.id}: ${verdict.reasons.join(' | ')}`).toBe(true);
    }
    expect(tried).toBeGreaterThan(990);
  });

  it('a missing required argument', () => {
    let tried = 0;
    for (const { testCase, ideal } of answered()) {
      const [first, ...rest] = ideal;
      const required = toolOf(testCase, first.name)?.function.parameters?.required;
      const param = Array.isArray(required) ? required.find((name) => typeof name === 'string' && name in first.args) : undefined;
      if (typeof param !== 'string') continue;
      tried++;
      const { [param]: _dropped, ...args } = first.args;
      const verdict = verdictOf(testCase, [{ name: first.name, args }, ...rest]);
      expect(verdict.pass, testCase.id).toBe(false);
      expect(verdict.reasons, testCase.id).toContain(`${first.name}: missing required argument "${param}"`);
    }
    expect(tried).toBeGreaterThan(990);
  });

  it('an extra call', () => {
    for (const { testCase, ideal } of answered()) {
      const verdict = verdictOf(testCase, [...ideal, ideal[0]]);
      expect(verdict.pass, testCase.id).toBe(false);
      expect(verdict.reasons[0]).toBe(`Expected ${ideal.length} tool call${ideal.length === 1 ? '' : 's'}, the model made ${ideal.length + 1} calls`);
      expect(verdict.reasons.some((reason) => reason.startsWith(`Extra call: ${ideal[0].name}(`)), testCase.id).toBe(true);
    }
  });

  it('another function', () => {
    for (const { testCase, ideal } of answered()) {
      const expectedNames = new Set(testCase.expect.calls.map((call) => call.name));
      const other = tools(testCase).find((tool) => !expectedNames.has(tool.function.name))?.function.name ?? `${ideal[0].name}_other`;
      const verdict = verdictOf(testCase, [{ ...ideal[0], name: other }, ...ideal.slice(1)]);
      expect(verdict.pass, testCase.id).toBe(false);
      expect(verdict.reasons, testCase.id).toEqual([`Called ${other}, expected ${ideal[0].name}`]);
    }
  });

  it('a dropped parallel call', () => {
    let tried = 0;
    for (const { testCase, ideal } of answered()) {
      if (ideal.length < 2) continue;
      tried++;
      const dropped = ideal[ideal.length - 1];
      const verdict = verdictOf(testCase, ideal.slice(0, -1));
      expect(verdict.pass, testCase.id).toBe(false);
      expect(verdict.reasons[0]).toBe(`Expected ${ideal.length} tool calls, the model made ${ideal.length - 1} call${ideal.length === 2 ? '' : 's'}`);
      expect(verdict.reasons.some((reason) => reason.startsWith(`Missing call: ${dropped.name}(`)), `${testCase.id}: ${verdict.reasons.join(' | ')}`).toBe(true);
    }
    expect(tried).toBe(400);
  });

  it('irrelevance: any call fails, none passes', () => {
    const irrelevance = corpus.find((file) => file.file === 'BFCL_v4_irrelevance.json')!;
    for (const testCase of irrelevance.cases) {
      expect(testCase.expect.calls).toEqual([]);
      expect(matchTurn(testCase.expect, { calls: [], answer: 'None of these tools fit.' }, tools(testCase)).pass).toBe(true);
      const name = tools(testCase)[0].function.name;
      expect(matchTurn(testCase.expect, { calls: [{ name, arguments: '{}' }], answer: null }, tools(testCase)).reasons).toEqual([`Expected no tool call, but the model called ${name}`]);
    }
  });
});
