import { describe, expect, it } from 'vitest';
import { readEvaluationInput } from './inputs';
import { casesToJsonl } from './jsonl';
import type { TestCase } from './types';

const testCase: TestCase = {
  id: 'paris',
  messages: [{ role: 'user', content: 'Weather in Paris?' }],
  expect: { calls: [{ name: 'get_current_weather', arguments: { location: { kind: 'any' } } }] },
};
const bfcl = JSON.stringify({ id: 'simple_0', question: [[{ role: 'user', content: 'Area?' }]], function: [{ name: 'geo.area', parameters: { type: 'dict', properties: { base: { type: 'integer' } }, required: ['base'] } }] });

describe('readEvaluationInput', () => {
  it('reads a scenario: its test cases, settings and mocks', () => {
    const scenario = { version: 2, name: 'Weather', system: 'Be brief.', tools: [], mocks: { get_current_weather: { kind: 'fixed', result: '{}' } }, test_cases: [testCase] };
    const input = readEvaluationInput(JSON.stringify(scenario, null, 2));
    expect(input).toMatchObject({ ok: true, kind: 'scenario', cases: [testCase], scenario: { system: 'Be brief.', mocks: { get_current_weather: { kind: 'fixed', result: '{}' } } } });
  });

  it('says when a scenario has no test cases, or is not one', () => {
    expect(readEvaluationInput('{"version": 2, "name": "Empty"}')).toEqual({ ok: false, error: expect.stringMatching(/^The scenario "Empty" has no test cases/) });
    expect(readEvaluationInput('{"version": 99}')).toMatchObject({ ok: false, error: expect.stringMatching(/newer/i) });
    expect(readEvaluationInput('hello')).toMatchObject({ ok: false, error: expect.stringMatching(/^This is not a scenario/) });
  });

  it('reads BFCL questions, with or without answers', () => {
    const answers = JSON.stringify({ id: 'simple_0', ground_truth: [{ 'geo.area': { base: [10] } }] });
    expect(readEvaluationInput(bfcl, answers)).toMatchObject({ ok: true, kind: 'bfcl', cases: [{ id: 'simple_0', names: { geo_area: 'geo.area' }, expect: { calls: [{ name: 'geo_area' }] } }] });
    expect(readEvaluationInput(`${bfcl}\n${bfcl.replace('simple_0', 'simple_1')}\n`)).toMatchObject({ ok: true, kind: 'bfcl', cases: [{ expect: { calls: [] } }, { expect: { calls: [] } }] });
    expect(readEvaluationInput(bfcl, '')).toMatchObject({ ok: false, error: 'No test case could be read from the BFCL file: Line 1 (simple_0): the answers file has no ground truth for this id' });
  });

  it('reads test cases as JSON Lines', () => {
    expect(readEvaluationInput(casesToJsonl([testCase, { ...testCase, id: 'b' }]))).toMatchObject({ ok: true, kind: 'jsonl', cases: [{ id: 'paris' }, { id: 'b' }] });
  });
});
