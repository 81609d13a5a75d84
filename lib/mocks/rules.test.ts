/** Rules mocks: partial argument matching, its string normalisation, and which rule answers a call. */
import { describe, expect, it } from 'vitest';
import { matches, matchingRule, normalise, ruleLabel, whenProblem } from './rules';
import { answerTitle, mockAnswer, type Mock } from './mock';
import { WEATHER_RULES } from '@/lib/scenario/base';

describe('matches: deep partial equality', () => {
  it('an object names only the keys it cares about, at any depth', () => {
    expect(matches({ location: 'Chicago' }, { location: 'Chicago', unit: 'celsius' })).toBe(true);
    expect(matches({ address: { city: 'Paris' } }, { address: { city: 'Paris', zip: '75001' }, name: 'x' })).toBe(true);
    expect(matches({ address: { city: 'Paris' } }, { address: { city: 'Lyon' } })).toBe(false);
    expect(matches({ location: 'Chicago' }, { unit: 'celsius' })).toBe(false);
    expect(matches({}, { anything: 1 })).toBe(true);
    expect(matches({}, [])).toBe(false);
    expect(matches({}, undefined)).toBe(false);
  });

  it('arrays match item by item, with the same length', () => {
    expect(matches({ tags: ['a', { id: 1 }] }, { tags: ['A', { id: 1, extra: true }] })).toBe(true);
    expect(matches({ tags: ['a'] }, { tags: ['a', 'b'] })).toBe(false);
    expect(matches({ tags: [] }, { tags: {} })).toBe(false);
  });

  it('numbers, booleans and null are themselves: nothing is converted', () => {
    expect(matches({ n: 5 }, { n: 5.0 })).toBe(true);
    expect(matches({ n: 5 }, { n: '5' })).toBe(false);
    expect(matches({ n: '5' }, { n: 5 })).toBe(false);
    expect(matches({ b: true }, { b: 1 })).toBe(false);
    expect(matches({ x: null }, { x: null })).toBe(true);
    expect(matches({ x: null }, {})).toBe(false);
  });

  it('strings: case, spacing and Unicode forms aside; a leading word match, not a substring', () => {
    expect(normalise('  New\t York ')).toBe('new york');
    expect(normalise('Ｃｈｉｃａｇｏ')).toBe('chicago');
    for (const value of ['Chicago', 'chicago', ' CHICAGO ', 'Chicago, IL', 'Chicago IL', 'Chicago (Illinois)']) {
      expect(matches({ location: 'Chicago' }, { location: value }), value).toBe(true);
    }
    for (const value of ['Chicagoland', 'North Chicago', 'Chicag', '']) {
      expect(matches({ location: 'Chicago' }, { location: value }), value).toBe(false);
    }
    expect(matches({ location: 'New York' }, { location: 'New York, NY' })).toBe(true);
    expect(matches({ location: '' }, { location: '' })).toBe(true);
    expect(matches({ location: '' }, { location: 'x' })).toBe(false);
  });

  it('keys named __proto__ or constructor are data: own keys only', () => {
    const args = JSON.parse('{"__proto__": "x"}');
    expect(matches(JSON.parse('{"__proto__": "x"}'), args)).toBe(true);
    expect(matches(JSON.parse('{"__proto__": "y"}'), args)).toBe(false);
    expect(matches({ constructor: {} }, {})).toBe(false);
    expect(matches({ toString: 'x' }, { toString: 'x' })).toBe(true);
  });
});

describe('which rule answers', () => {
  const rules = [
    { when: '{"location": "Chicago"}', result: 'c' },
    { when: 'not json', result: 'never' },
    { when: '{"location": "Chicago", "unit": "fahrenheit"}', result: 'never: the first wins' },
    { when: '{}', result: 'anything' },
  ];

  it('the first rule that matches; a condition that is not a JSON object never does', () => {
    expect(matchingRule(rules, { location: 'Chicago, IL', unit: 'fahrenheit' })).toBe(0);
    expect(matchingRule(rules, { location: 'Paris' })).toBe(3);
    expect(matchingRule(rules.slice(0, 3), { location: 'Paris' })).toBeNull();
    expect(whenProblem('not json')).toMatch(/^is not valid JSON/);
    expect(whenProblem('[1]')).toMatch(/^must be a JSON object/);
    expect(whenProblem('{"a": 1}')).toBeNull();
  });

  it('names the condition for the card', () => {
    expect(ruleLabel('{"location": "Chicago"}')).toBe('location = Chicago');
    expect(ruleLabel('{"address": {"city": "Paris"}, "n": 2}')).toBe('address.city = Paris, n = 2');
    expect(ruleLabel('{}')).toBe('any arguments');
    expect(ruleLabel('nope')).toBe('');
    expect(ruleLabel(JSON.stringify({ q: 'x'.repeat(200) }))).toHaveLength(80);
  });

  it("the weather template: one result per city the guide's question names, the default for any other", () => {
    const answer = (location: string) => mockAnswer(WEATHER_RULES, JSON.stringify({ location, unit: 'celsius' }));
    const [ny, sf, chicago, paris] = ['New York', 'San Francisco, CA', 'Chicago', 'Paris'].map(answer);
    expect(new Set([ny, sf, chicago, paris].map((a) => a && 'result' in a && a.result)).size).toBe(4);
    expect(answerTitle(chicago!)).toBe('Rule 3: location = Chicago');
    expect(answerTitle(paris!)).toBe('Default');
    // Arguments that are not JSON match no rule.
    expect(mockAnswer(WEATHER_RULES, '{"location": "Chic')).toMatchObject({ kind: 'default' });
  });

  it('each kind answers as the card says', () => {
    const js: Mock = { kind: 'javascript', source: '() => 1' };
    expect(mockAnswer({ kind: 'fixed', result: 'x' }, '{}')).toEqual({ kind: 'fixed', result: 'x' });
    expect(mockAnswer({ kind: 'fixed', result: '' }, '{}')).toBeNull();
    expect(mockAnswer({ kind: 'ask' }, '{}')).toBeNull();
    expect(mockAnswer(undefined, '{}')).toBeNull();
    expect(mockAnswer(js, '{}')).toEqual({ kind: 'javascript', status: 'running' });
    expect(answerTitle({ kind: 'fixed', result: 'x' })).toBe('Fixed result');
    expect(answerTitle({ kind: 'javascript', status: 'done', result: '1' })).toBe('JavaScript mock');
  });
});
