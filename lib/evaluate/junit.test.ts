// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { scorecardJunit, xmlEscape } from './junit';
import { summarizeModel } from './scorecard';
import type { CaseResult, Scorecard } from './types';

const result = (id: string, extra: Partial<CaseResult> = {}): CaseResult => ({
  id, pass: true, calls: [], reasons: [], first_token_ms: 1, total_ms: 1_500, usage: null, cost: null, ...extra,
});

const scorecard: Scorecard = {
  ran_at: '2026-01-01T00:00:00.000Z',
  models: [
    summarizeModel('gpt-4o', [
      result('ok'),
      result('<bad & "id">', { pass: false, reasons: ['get_weather: city is "Oslo", expected "Paris"', 'Extra call: x(\u0001\u0007)'] }),
      result('err', { pass: false, error: 'network \uD800 down', total_ms: null }),
    ]),
    summarizeModel('o3-mini', [result('ok')]),
  ],
};

function parse(xml: string): Document {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  expect(document.getElementsByTagName('parsererror')).toHaveLength(0);
  return document;
}

describe('scorecardJunit', () => {
  it('is well-formed XML with a suite per model and a case per case', () => {
    const document = parse(scorecardJunit(scorecard));
    const root = document.documentElement;
    expect([root.getAttribute('tests'), root.getAttribute('failures'), root.getAttribute('errors')]).toEqual(['4', '1', '1']);
    const suites = [...document.getElementsByTagName('testsuite')];
    expect(suites.map((s) => [s.getAttribute('name'), s.getAttribute('tests'), s.getAttribute('failures'), s.getAttribute('errors')])).toEqual([
      ['gpt-4o', '3', '1', '1'],
      ['o3-mini', '1', '0', '0'],
    ]);
    const cases = [...suites[0].getElementsByTagName('testcase')];
    expect(cases.map((c) => [c.getAttribute('name'), c.getAttribute('classname'), c.getAttribute('time')])).toEqual([
      ['ok', 'gpt-4o', '1.500'],
      ['<bad & "id">', 'gpt-4o', '1.500'],
      ['err', 'gpt-4o', '0.000'],
    ]);
    const failure = cases[1].getElementsByTagName('failure')[0];
    expect(failure.getAttribute('message')).toBe('get_weather: city is "Oslo", expected "Paris"');
    expect(failure.textContent).toBe('get_weather: city is "Oslo", expected "Paris"\nExtra call: x(\uFFFD\uFFFD)');
    expect(cases[2].getElementsByTagName('error')[0].getAttribute('message')).toBe('network \uFFFD down');
    expect(cases[0].children).toHaveLength(0);
  });

  it('escapes markup, quotes, newlines and characters XML cannot hold', () => {
    expect(xmlEscape(`<a href='x'>&"\n\u0000\uFFFF😀`)).toBe('&lt;a href=&apos;x&apos;&gt;&amp;&quot;&#10;\uFFFD\uFFFD😀');
  });
});
