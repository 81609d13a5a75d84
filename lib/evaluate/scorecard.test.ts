import { describe, expect, it } from 'vitest';
import { caseOutcome, scorecardCsv, scorecardJson, sortCases, summarizeModel } from './scorecard';
import type { CaseResult, Scorecard } from './types';

const result = (id: string, extra: Partial<CaseResult> = {}): CaseResult => ({
  id,
  pass: true,
  calls: [],
  reasons: [],
  first_token_ms: 1,
  total_ms: 100,
  usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
  cost: 0.001,
  ...extra,
});

describe('summarizeModel', () => {
  it('counts outcomes, takes p50/p95 over the cases without error, sums tokens and cost', () => {
    const cases = [
      ...Array.from({ length: 18 }, (_, i) => result(`p${i}`, { total_ms: (i + 1) * 10 })),
      result('f', { pass: false, reasons: ['x'], total_ms: 1_000 }),
      result('e', { pass: false, error: '500 — broke', total_ms: null, usage: null, cost: null }),
    ];
    const score = summarizeModel('m', cases);
    expect(score).toMatchObject({ model: 'm', passed: 18, failed: 1, errors: 1, total: 20, latency: { p50: 100, p95: 1_000 }, tokens: { prompt: 190, completion: 38 } });
    expect(score.cost).toBeCloseTo(0.019);
    expect(summarizeModel('m', [result('a'), result('b', { cost: null })]).cost).toBeNull();
    expect(summarizeModel('m', [])).toMatchObject({ total: 0, latency: { p50: null, p95: null }, cost: null });
  });
});

describe('sortCases', () => {
  const cases = [
    result('case_10', { total_ms: 50, cost: null }),
    result('case_2', { pass: false, total_ms: 50 }),
    result('case_1', { error: 'x', pass: false, total_ms: null, usage: null }),
    result('case_3', { total_ms: 10, usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }),
  ];
  const ids = (list: CaseResult[]) => list.map((c) => c.id);
  it('sorts by id in natural order', () => {
    expect(ids(sortCases(cases, 'id', 'asc'))).toEqual(['case_1', 'case_2', 'case_3', 'case_10']);
    expect(ids(sortCases(cases, 'id', 'desc'))).toEqual(['case_10', 'case_3', 'case_2', 'case_1']);
  });
  it('sorts by outcome, latency, tokens and cost, stably, with missing values last', () => {
    expect(ids(sortCases(cases, 'pass', 'desc'))).toEqual(['case_10', 'case_3', 'case_2', 'case_1']);
    expect(ids(sortCases(cases, 'pass', 'asc'))).toEqual(['case_1', 'case_2', 'case_10', 'case_3']);
    expect(ids(sortCases(cases, 'latency', 'asc'))).toEqual(['case_3', 'case_10', 'case_2', 'case_1']);
    expect(ids(sortCases(cases, 'latency', 'desc'))).toEqual(['case_10', 'case_2', 'case_3', 'case_1']);
    expect(ids(sortCases(cases, 'tokens', 'asc'))).toEqual(['case_3', 'case_10', 'case_2', 'case_1']);
    expect(ids(sortCases(cases, 'cost', 'desc'))).toEqual(['case_2', 'case_1', 'case_3', 'case_10']);
    expect(ids(cases)).toEqual(['case_10', 'case_2', 'case_1', 'case_3']);
  });
});

const scorecard: Scorecard = {
  ran_at: '2026-01-01T00:00:00.000Z',
  models: [
    summarizeModel('gpt-4o', [
      result('=cmd|calc', { pass: false, calls: [{ name: 'a.b', arguments: { q: 'say "hi", ok' } }], reasons: ['a_b: q is "x"', '+1'], messages: [{ role: 'user', content: 'hi' }] }),
      result('e', { error: '-boom\nline', pass: false, total_ms: null, cost: null, usage: null }),
    ]),
  ],
};

describe('scorecardCsv', () => {
  it('quotes as RFC 4180 and neutralises spreadsheet formulas', () => {
    const csv = scorecardCsv(scorecard);
    expect(csv.split('\r\n')).toEqual([
      'model,case,outcome,error,calls,reasons,first_token_ms,total_ms,prompt_tokens,completion_tokens,cost_usd',
      `gpt-4o,'=cmd|calc,fail,,"[{""name"":""a.b"",""arguments"":{""q"":""say \\""hi\\"", ok""}}]","a_b: q is ""x""; +1",1,100,10,2,0.001`,
      `gpt-4o,e,error,"'-boom\nline",[],,1,,,,`,
      '',
    ].join('\r\n').split('\r\n'));
  });
  it('leaves numbers alone, negative or not, and neutralises a leading @ or tab', () => {
    const csv = scorecardCsv({ ran_at: '', models: [summarizeModel('@m', [result('\tx')])] });
    expect(csv.split('\r\n')[1]).toBe(`'@m,'\tx,pass,,[],,1,100,10,2,0.001`);
  });
});

describe('scorecardJson', () => {
  it('has the results.json shape, without the conversations unless asked', () => {
    const json = JSON.parse(scorecardJson(scorecard));
    expect(json.models[0]).toMatchObject({ model: 'gpt-4o', passed: 0, failed: 1, errors: 1, total: 2 });
    expect(json.models[0].cases[0]).toMatchObject({ id: '=cmd|calc', pass: false, calls: [{ name: 'a.b', arguments: { q: 'say "hi", ok' } }], reasons: ['a_b: q is "x"', '+1'] });
    expect(json.models[0].cases[1].error).toBe('-boom\nline');
    expect(json.models[0].cases[0].messages).toBeUndefined();
    expect(JSON.parse(scorecardJson(scorecard, { conversations: true })).models[0].cases[0].messages).toEqual([{ role: 'user', content: 'hi' }]);
    expect(caseOutcome(scorecard.models[0].cases[1])).toBe('error');
  });
});
