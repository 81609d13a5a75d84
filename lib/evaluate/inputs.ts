/**
 * What an evaluation file holds, told from its content: a scenario (its `test_cases`, and its settings
 * and mocks, through lib/scenario's `restoreScenario`), BFCL questions (with their answers file, if
 * given; bfcl.ts), or test cases as JSON Lines (jsonl.ts). The command line reads its input through
 * this; the page can too.
 */
import { restoreScenario, SCENARIO_DEFAULTS } from '@/lib/scenario/scenario';
import { isRecord } from '@/lib/util/json';
import { importBfcl } from './bfcl';
import { casesFromJsonl } from './jsonl';
import type { EvaluateOptions } from './run';
import { runSettingsOf } from './run-settings';
import type { TestCase } from './types';

export type EvaluationInputKind = 'scenario' | 'bfcl' | 'jsonl';

export type EvaluationInput =
  | { ok: true; kind: EvaluationInputKind; cases: TestCase[]; scenario: EvaluateOptions['scenario']; problems: string[] }
  | { ok: false; error: string };

/** The settings a dataset runs with: its cases bring their own tools; no system prompt, no mocks. */
export const DATASET_SETTINGS: EvaluateOptions['scenario'] = Object.freeze(runSettingsOf(SCENARIO_DEFAULTS));

function firstRecord(text: string): unknown {
  for (const line of text.split('\n', 50)) {
    if (line.trim() === '') continue;
    try {
      return JSON.parse(line);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const isBfclQuestion = (value: unknown) => isRecord(value) && 'question' in value && 'function' in value;
const isTestCase = (value: unknown) => isRecord(value) && 'expect' in value && 'messages' in value;

function withCases(kind: EvaluationInputKind, read: { cases: TestCase[]; problems: string[] }, scenario = DATASET_SETTINGS): EvaluationInput {
  if (read.cases.length === 0) {
    const why = read.problems.length ? `: ${read.problems.slice(0, 3).join('; ')}` : '';
    return { ok: false, error: `No test case could be read from the ${kind === 'bfcl' ? 'BFCL file' : 'test case file'}${why}` };
  }
  return { ok: true, kind, cases: read.cases, scenario, problems: read.problems };
}

/** See the module comment. `answersText` (a BFCL `possible_answer` file) makes the input BFCL questions. */
export function readEvaluationInput(text: string, answersText?: string): EvaluationInput {
  if (answersText !== undefined) return withCases('bfcl', importBfcl(text, answersText));
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    whole = undefined;
  }
  const first = whole === undefined ? firstRecord(text) : Array.isArray(whole) ? whole[0] : whole;
  if (isBfclQuestion(first)) return withCases('bfcl', importBfcl(text));
  if (isTestCase(first)) return withCases('jsonl', casesFromJsonl(text));
  if (!isRecord(whole)) {
    return { ok: false, error: 'This is not a scenario (a JSON object), BFCL questions (JSON Lines of {"id", "question", "function"}) or test cases (JSON Lines of {"id", "messages", "expect"})' };
  }
  const restored = restoreScenario(whole);
  if (!restored.ok) return { ok: false, error: restored.error };
  const { scenario } = restored;
  if (!scenario.test_cases?.length) return { ok: false, error: `The scenario "${scenario.name}" has no test cases: add some in the page (Evaluate), or give a BFCL file` };
  return { ok: true, kind: 'scenario', cases: scenario.test_cases, scenario: runSettingsOf(scenario), problems: [] };
}
