import { describe, expect, it } from 'vitest';
import type { CaseResult, Scorecard, TestCase } from '@/lib/evaluate/types';
import { DEFAULT_SCENARIO, restoreScenario, type Scenario } from './scenario';
import { decodeShareHash, encodeScenario, scorecardLeftOut } from './share-link';
import { boundScorecard, MAX_SCORECARD_CONVERSATION_CHARS } from './evaluation';
import { parseWork, serializeWork } from './work';

const CASE: TestCase = {
  id: 'weather-1',
  messages: [{ role: 'user', content: 'Weather in Paris?' }],
  expect: { calls: [{ name: 'get_current_weather', arguments: { location: { kind: 'equals', value: 'Paris' } } }] },
};
const BFCL_CASE: TestCase = {
  id: 'simple_0',
  messages: [{ role: 'user', content: 'Area of a triangle, base 10, height 5' }],
  expect: { calls: [{ name: 'math_area', arguments: { base: { kind: 'one_of', values: [10] } } }] },
  tools: [{ type: 'function', function: { name: 'math_area', parameters: { type: 'object', properties: { base: { type: 'integer' } } } } }],
  names: { math_area: 'math.area' },
};

function result(id: string, pass: boolean, withMessages = true): CaseResult {
  return {
    id,
    pass,
    calls: [{ name: 'get_current_weather', arguments: { location: 'Paris' } }],
    reasons: pass ? [] : ['get_current_weather: location is "Pariss", expected "Paris"'],
    first_token_ms: 12,
    total_ms: 40,
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    cost: null,
    ...(withMessages
      ? {
          messages: [
            { role: 'user', content: 'Weather in Paris?' },
            { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_current_weather', arguments: '{"location":"Paris"}' } }] },
            { role: 'tool', tool_call_id: 'c1', content: '{"temperature":20}' },
            { role: 'assistant', content: 'It is 20 degrees.' },
          ],
        }
      : {}),
  };
}

const SCORECARD: Scorecard = {
  ran_at: '2026-12-02T03:00:00.000Z',
  cancelled: true,
  models: [
    {
      model: 'offline-simulator',
      passed: 1,
      failed: 1,
      errors: 0,
      total: 2,
      latency: { p50: 40, p95: 40 },
      tokens: { prompt: 20, completion: 10 },
      cost: null,
      cases: [result('weather-1', true), result('simple_0', false)],
    },
  ],
};

const WITH_EVALUATION: Scenario = { ...structuredClone(DEFAULT_SCENARIO), test_cases: [CASE, BFCL_CASE], scorecard: SCORECARD };

function restored(input: unknown): Scenario {
  const out = restoreScenario(input);
  if (!out.ok) throw new Error(out.error);
  return out.scenario;
}

describe('test cases and scorecard in a scenario', () => {
  it('are kept by restoreScenario (storage, the Library, files)', () => {
    const scenario = restored(JSON.parse(JSON.stringify(WITH_EVALUATION)));
    expect(scenario.test_cases).toEqual([CASE, BFCL_CASE]);
    expect(scenario.scorecard).toEqual(SCORECARD);
  });

  it('are left out when there are none, so scenarios without them compare as before', () => {
    const scenario = restored({ ...DEFAULT_SCENARIO, test_cases: [] });
    expect('test_cases' in scenario).toBe(false);
    expect('scorecard' in scenario).toBe(false);
    expect(encodeScenario(scenario)).toBe(encodeScenario(structuredClone(DEFAULT_SCENARIO)));
  });

  it('refuse a test case that is not one, naming the field', () => {
    const out = restoreScenario({ ...DEFAULT_SCENARIO, test_cases: [{ id: '', messages: [] }] });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error).toMatch(/test_cases/);
  });

  it('do not count toward the one-request size limit', () => {
    const many = Array.from({ length: 1_500 }, (_, i) => ({ ...BFCL_CASE, id: `case-${i}`, messages: [{ role: 'user' as const, content: `${'x'.repeat(600)} ${i}` }] }));
    expect(restored({ ...DEFAULT_SCENARIO, test_cases: many }).test_cases).toHaveLength(1_500);
  });

  it('survive the work kept across a reload', () => {
    const text = serializeWork({ scenario: WITH_EVALUATION, toolsText: '[]', session: { savedId: null, savedAt: null, templateId: null, baseline: null } });
    const read = parseWork(text);
    expect(read.kind).toBe('ok');
    if (read.kind === 'ok') expect(read.work.scenario.scorecard).toEqual(SCORECARD);
  });
});

describe('share links', () => {
  it('carry the test cases and the scorecard, without the conversations the cases ran as', () => {
    const decoded = decodeShareHash(`#${encodeScenario(WITH_EVALUATION)}`);
    expect(decoded.kind).toBe('ok');
    if (decoded.kind !== 'ok') return;
    expect(decoded.scenario.test_cases).toEqual([CASE, BFCL_CASE]);
    const cases = decoded.scenario.scorecard!.models[0].cases;
    expect(cases.map((c) => c.id)).toEqual(['weather-1', 'simple_0']);
    expect(cases.every((c) => c.messages === undefined)).toBe(true);
    expect(cases[1].reasons).toEqual(SCORECARD.models[0].cases[1].reasons);
    expect(decoded.scenario.scorecard!.cancelled).toBe(true);
  });

  it('say when they leave the case conversations out', () => {
    expect(scorecardLeftOut(WITH_EVALUATION)).toBe(true);
    const decoded = decodeShareHash(`#${encodeScenario(WITH_EVALUATION)}`);
    expect(decoded.kind === 'ok' && scorecardLeftOut(decoded.scenario)).toBe(false);
    expect(scorecardLeftOut(structuredClone(DEFAULT_SCENARIO))).toBe(false);
  });
});

describe('boundScorecard', () => {
  it('keeps conversations up to the budget, in case order, and every verdict', () => {
    const big = 'y'.repeat(MAX_SCORECARD_CONVERSATION_CHARS / 3);
    const heavy = (id: string): CaseResult => ({ ...result(id, true), messages: [{ role: 'user', content: big }] });
    const card: Scorecard = { ...SCORECARD, models: [{ ...SCORECARD.models[0], cases: [heavy('a'), heavy('b'), heavy('c'), heavy('d')] }] };
    const bounded = boundScorecard(card).models[0].cases;
    expect(bounded.map((c) => c.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(bounded.map((c) => c.messages !== undefined)).toEqual([true, true, false, false]);
    expect(boundScorecard(SCORECARD)).toBe(SCORECARD);
  });
});
