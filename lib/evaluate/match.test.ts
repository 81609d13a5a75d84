import { beforeAll, describe, expect, it } from 'vitest';
import type { Tool } from '@/lib/wire/chat';
import type { ExpectedCall, TurnExpectation } from './types';
import { matchCall, matchTurn, prepareMatcher } from './match';
import { standardizeString, valuesEqual } from './normalize';

const weather: Tool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        days: { type: 'integer' },
        lat: { type: 'number' },
        tags: { type: 'array', items: { type: 'string' } },
      },
      required: ['city'],
    },
  },
};
const time: Tool = { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } };
const tools = [weather, time];

const call = (name: string, args: unknown) => ({ name, arguments: JSON.stringify(args) });
const weatherIn = (city: string): ExpectedCall => ({ name: 'get_weather', arguments: { city: { kind: 'equals', value: city } } });

beforeAll(prepareMatcher);

describe('BFCL value rules', () => {
  it('normalises strings as BFCL does', () => {
    expect(standardizeString("April 1, 2024")).toBe('april12024');
    expect(standardizeString("it's a-b_c*d^e/f.g")).toBe('it"sabcdefg');
    expect(valuesEqual('April 1, 2024', 'april 1 2024')).toBe(true);
  });
  it('compares lists in order and objects by keys, element by element', () => {
    expect(valuesEqual(['New York', 'LA'], ['new york', 'la'])).toBe(true);
    expect(valuesEqual(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(valuesEqual({ min: 1, name: 'A B' }, { name: 'a b', min: 1 })).toBe(true);
    expect(valuesEqual({ min: 1 }, { min: 1, max: 2 })).toBe(false);
    expect(valuesEqual(5, 5.0)).toBe(true);
    expect(valuesEqual(5, '5')).toBe(false);
  });
});

describe('matchCall', () => {
  it('passes a call that meets every expectation', () => {
    expect(matchCall(weatherIn('San Francisco'), call('get_weather', { city: 'san francisco' }), weather)).toEqual({ pass: true, reasons: [] });
  });
  it('says which value is wrong, naming the function and the argument', () => {
    const expected: ExpectedCall = { name: 'get_weather', arguments: { city: { kind: 'equals', value: 'Paris' }, unit: { kind: 'one_of', values: ['celsius', 'fahrenheit'] } } };
    const verdict = matchCall(expected, call('get_weather', { city: 'Paris', unit: 'kelvin' }), weather);
    expect(verdict).toEqual({ pass: false, reasons: ['get_weather: unit is "kelvin", expected one of "celsius", "fahrenheit"'] });
  });
  it('fails a missing required argument, an unexpected one and one the tool does not have', () => {
    const expected: ExpectedCall = { name: 'get_weather', arguments: { city: { kind: 'any' }, unit: { kind: 'any', optional: true } } };
    expect(matchCall(expected, call('get_weather', { unit: 'celsius' }), weather).reasons).toEqual(['get_weather: missing required argument "city"']);
    expect(matchCall(expected, call('get_weather', { city: 'Rome', days: 3 }), weather).reasons).toEqual(['get_weather: unexpected argument "days" (3)']);
    expect(matchCall(expected, call('get_weather', { city: 'Rome', mood: 'sunny' }), weather).reasons).toEqual([
      'get_weather: unexpected argument "mood" ("sunny"): the tool has no such parameter',
    ]);
    expect(matchCall({ ...expected, extra: true }, call('get_weather', { city: 'Rome', days: 3 }), weather).pass).toBe(true);
  });
  it('lets an optional argument be left out, and requires one that is not optional', () => {
    const expected: ExpectedCall = { name: 'get_weather', arguments: { city: { kind: 'any' }, days: { kind: 'equals', value: 3, optional: true }, unit: { kind: 'equals', value: 'celsius' } } };
    expect(matchCall(expected, call('get_weather', { city: 'Rome', unit: 'celsius' }), weather).pass).toBe(true);
    expect(matchCall(expected, call('get_weather', { city: 'Rome' }), weather).reasons).toEqual(['get_weather: missing argument "unit" (expected "celsius")']);
  });
  it('fails an argument that must be absent', () => {
    const expected: ExpectedCall = { name: 'get_weather', arguments: { city: { kind: 'any' }, unit: { kind: 'absent' } } };
    expect(matchCall(expected, call('get_weather', { city: 'Rome' }), weather).pass).toBe(true);
    expect(matchCall(expected, call('get_weather', { city: 'Rome', unit: 'celsius' }), weather).reasons).toEqual([
      'get_weather: unit should be left out, but the call sends "celsius"',
    ]);
  });
  it('accepts an integer for a number and refuses a string for an integer', () => {
    const expected: ExpectedCall = { name: 'get_weather', arguments: { city: { kind: 'any' }, lat: { kind: 'equals', value: 48.0 }, days: { kind: 'any', optional: true } } };
    expect(matchCall(expected, { name: 'get_weather', arguments: '{"city":"Paris","lat":48}' }, weather).pass).toBe(true);
    expect(matchCall(expected, call('get_weather', { city: 'Paris', lat: 48, days: '5' }), weather).reasons).toEqual(['get_weather: days is "5" (a string), expected an integer']);
    expect(matchCall(expected, call('get_weather', { city: 'Paris', lat: 48, days: 2.5 }), weather).reasons).toEqual(['get_weather: days is 2.5 (a number), expected an integer']);
  });
  it('checks list items one level down', () => {
    const expected: ExpectedCall = { name: 'get_weather', arguments: { city: { kind: 'any' }, tags: { kind: 'any' } } };
    expect(matchCall(expected, call('get_weather', { city: 'Paris', tags: ['a', 2] }), weather).reasons).toEqual(['get_weather: tags item 2 is 2, expected a string']);
  });
  it('matches regular expressions in linear time, and JSON Schemas with Ajv', () => {
    const expected: ExpectedCall = { name: 'get_weather', arguments: { city: { kind: 'regex', pattern: '^(a+)+$' }, tags: { kind: 'schema', schema: { type: 'array', minItems: 2 } } } };
    const hostile = `${'a'.repeat(5_000)}!`;
    expect(matchCall(expected, call('get_weather', { city: hostile, tags: ['x', 'y'] }), weather).reasons).toEqual([
      `get_weather: city is "${'a'.repeat(78)}…, expected text matching "^(a+)+$"`,
    ]);
    expect(matchCall(expected, call('get_weather', { city: 'aaa', tags: ['x'] }), weather).reasons).toEqual([
      'get_weather: tags does not match the expected schema: the value must NOT have fewer than 2 items',
    ]);
    expect(matchCall(expected, call('get_weather', { city: 'aaa', tags: ['x', 'y'] }), weather).pass).toBe(true);
  });
  it('fails arguments that do not parse, with the reason', () => {
    expect(matchCall(weatherIn('Paris'), { name: 'get_weather', arguments: '{"city": "Par' }, weather).reasons[0]).toMatch(/^get_weather: the arguments are not valid JSON \(/);
    expect(matchCall(weatherIn('Paris'), { name: 'get_weather', arguments: '[1]' }, weather).reasons).toEqual(['get_weather: the arguments are [1], not a JSON object']);
  });
  it('fails another function', () => {
    expect(matchCall(weatherIn('Paris'), call('get_time', { city: 'Paris' }), time).reasons).toEqual(['Called get_time, expected get_weather']);
  });
  it('does not find inherited names', () => {
    const expected: ExpectedCall = { name: 'get_weather', arguments: { city: { kind: 'any' } } };
    expect(matchCall(expected, { name: 'get_weather', arguments: '{"city":"x","constructor":1}' }, undefined).reasons).toEqual(['get_weather: unexpected argument "constructor" (1)']);
  });
});

describe('matchTurn', () => {
  const parallel: TurnExpectation = { calls: [weatherIn('Paris'), weatherIn('Rome'), weatherIn('Oslo')] };
  const cities = (...names: string[]) => names.map((city) => call('get_weather', { city }));

  it('matches parallel calls in any order', () => {
    expect(matchTurn(parallel, { calls: cities('Oslo', 'Paris', 'Rome'), answer: null }, tools)).toEqual({ pass: true, reasons: [], matched: [1, 2, 0] });
  });
  it('finds the assignment a first-fit search misses', () => {
    // The first expected call accepts either city; first-fit would take Rome for it and leave nothing for the second.
    const expect_: TurnExpectation = {
      calls: [{ name: 'get_weather', arguments: { city: { kind: 'one_of', values: ['Rome', 'Paris'] } } }, weatherIn('Rome')],
    };
    expect(matchTurn(expect_, { calls: cities('Rome', 'Paris'), answer: null }, tools)).toMatchObject({ pass: true, matched: [1, 0] });
  });
  it('names a dropped parallel call', () => {
    const verdict = matchTurn(parallel, { calls: cities('Oslo', 'Paris'), answer: null }, tools);
    expect(verdict.pass).toBe(false);
    expect(verdict.reasons).toEqual(['Expected 3 tool calls, the model made 2 calls', 'Missing call: get_weather(city "Rome")']);
    expect(verdict.matched).toEqual([1, null, 0]);
  });
  it('names an extra call', () => {
    const verdict = matchTurn({ calls: [weatherIn('Paris')] }, { calls: cities('Paris', 'Paris'), answer: null }, tools);
    expect(verdict.reasons).toEqual(['Expected 1 tool call, the model made 2 calls', 'Extra call: get_weather({"city":"Paris"})']);
  });
  it('explains a wrong value by the closest call', () => {
    const verdict = matchTurn(parallel, { calls: cities('Oslo', 'Paris', 'Roma'), answer: null }, tools);
    expect(verdict.reasons).toEqual(['get_weather: city is "Roma", expected "Rome"']);
  });
  it('names another function', () => {
    const verdict = matchTurn({ calls: [weatherIn('Paris')] }, { calls: [call('get_time', { city: 'Paris' })], answer: null }, tools);
    expect(verdict.reasons).toEqual(['Called get_time, expected get_weather']);
  });
  it('"no tool call" fails any call and passes none', () => {
    expect(matchTurn({ calls: [] }, { calls: [], answer: 'I cannot help with that' }, tools)).toEqual({ pass: true, reasons: [], matched: [] });
    expect(matchTurn({ calls: [] }, { calls: cities('Paris'), answer: null }, tools).reasons).toEqual(['Expected no tool call, but the model called get_weather']);
  });
  it('answer_mentions is pending until the final answer is there, then checked normalised', () => {
    const expectation: TurnExpectation = { calls: [weatherIn('Paris')], answer_mentions: ['22 °C', 'sunny'] };
    const pending = matchTurn(expectation, { calls: cities('Paris'), answer: null }, tools);
    expect(pending).toEqual({ pass: true, pending: true, reasons: ['Pending: the final answer should mention "22 °C", "sunny"'], matched: [0] });
    expect(matchTurn(expectation, { calls: cities('Paris'), answer: 'It is 22 °C and Sunny in Paris.' }, tools)).toEqual({ pass: true, reasons: [], matched: [0] });
    expect(matchTurn(expectation, { calls: cities('Paris'), answer: 'It is 22 °C.' }, tools).reasons).toEqual(['The final answer does not mention "sunny"']);
  });
  it('a failure and a pending answer: fails, with both reasons', () => {
    const verdict = matchTurn({ calls: [weatherIn('Paris')], answer_mentions: ['sunny'] }, { calls: cities('Rome'), answer: null }, tools);
    expect(verdict).toMatchObject({ pass: false, pending: true });
    expect(verdict.reasons).toEqual(['get_weather: city is "Rome", expected "Paris"', 'Pending: the final answer should mention "sunny"']);
  });
});
