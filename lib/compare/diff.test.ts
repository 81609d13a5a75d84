import { describe, expect, it } from 'vitest';
import { describeDifference, diffCalls, MAX_COMPARED_CALLS } from './diff';

const weather = (location: string, extra: Record<string, unknown> = {}) => ({ name: 'get_current_weather', arguments: JSON.stringify({ location, ...extra }) });
const NY = weather('New York');
const SF = weather('San Francisco');
const CHI = weather('Chicago');

describe('diffCalls', () => {
  it('finds nothing between the same calls', () => {
    const diff = diffCalls([[NY, SF], [NY, SF]]);
    expect(diff.rows).toHaveLength(2);
    expect(diff.differences).toEqual([]);
  });

  it('matches parallel calls made in another order before calling them different', () => {
    const diff = diffCalls([[NY, SF, CHI], [CHI, NY, SF], [SF, CHI, NY]]);
    expect(diff.differences).toEqual([]);
    expect(diff.rows.map((row) => row.calls.map((call) => call?.object?.location))).toEqual([
      ['New York', 'New York', 'New York'],
      ['San Francisco', 'San Francisco', 'San Francisco'],
      ['Chicago', 'Chicago', 'Chicago'],
    ]);
  });

  it('compares arguments after JSON normalisation: key order and spacing do not count', () => {
    const a = { name: 'f', arguments: '{"a": 1, "b": {"y": 2, "x": [1, 2]}}' };
    const b = { name: 'f', arguments: '{"b":{"x":[1,2],"y":2},"a":1}' };
    expect(diffCalls([[a], [b]]).differences).toEqual([]);
  });

  it('reports a call missing in one column (one call where three were due)', () => {
    const diff = diffCalls([[NY, SF, CHI], [NY]]);
    expect(diff.differences).toHaveLength(2);
    expect(diff.differences.map((row) => row.missingIn)).toEqual([[1], [1]]);
    // The leftover calls of the first column have no partner: none is paired with another city.
    expect(diff.differences.map((row) => row.calls[0]?.object?.location)).toEqual(['San Francisco', 'Chicago']);
    expect(describeDifference(diff.differences[0], ['sim', 'careless'])).toBe('Not called by careless: get_current_weather');
  });

  it('reports an extra call as made by one column only when most columns lack it', () => {
    const diff = diffCalls([[NY], [NY], [NY, SF]]);
    expect(diff.differences).toHaveLength(1);
    expect(diff.differences[0].missingIn).toEqual([0, 1]);
    expect(describeDifference(diff.differences[0], ['a', 'b', 'c'])).toBe('Only c called get_current_weather');
  });

  it('keeps a duplicated call apart from the one it repeats', () => {
    const diff = diffCalls([[NY, NY], [NY]]);
    expect(diff.rows).toHaveLength(2);
    expect(diff.differences).toHaveLength(1);
    expect(diff.differences[0].missingIn).toEqual([1]);
  });

  it('pairs the same function with other arguments, and names each argument that differs with what each column says', () => {
    const diff = diffCalls([[weather('New York', { unit: 'celsius' })], [weather('New York', { unit: 'kelvin', days: 3 })]]);
    expect(diff.differences).toHaveLength(1);
    const [row] = diff.differences;
    expect(row.missingIn).toEqual([]);
    expect(row.otherFunction).toBe(false);
    expect(row.arguments).toEqual([
      { name: 'unit', values: ['"celsius"', '"kelvin"'] },
      { name: 'days', values: [null, '3'] },
    ]);
    expect(describeDifference(row, ['a', 'b'])).toBe('Arguments unit, days of get_current_weather differ');
  });

  it('tells a number sent as a string from the number', () => {
    const diff = diffCalls([[{ name: 'f', arguments: '{"n": 3}' }], [{ name: 'f', arguments: '{"n": "3"}' }]]);
    expect(diff.differences[0].arguments).toEqual([{ name: 'n', values: ['3', '"3"'] }]);
  });

  it('pairs leftover calls with the call they have most in common with', () => {
    // The second column got San Francisco's unit wrong and left out Chicago.
    const diff = diffCalls([
      [weather('New York', { unit: 'celsius' }), weather('San Francisco', { unit: 'celsius' }), weather('Chicago', { unit: 'celsius' })],
      [weather('New York', { unit: 'celsius' }), weather('San Francisco', { unit: 'Celsius' })],
    ]);
    expect(diff.differences).toHaveLength(2);
    const changed = diff.differences.find((row) => row.missingIn.length === 0)!;
    expect(changed.calls.map((call) => call?.object?.location)).toEqual(['San Francisco', 'San Francisco']);
    expect(changed.arguments.map((arg) => arg.name)).toEqual(['unit']);
    const missing = diff.differences.find((row) => row.missingIn.length > 0)!;
    expect(missing.calls[0]?.object?.location).toBe('Chicago');
  });

  it('reports another function in the same place, without comparing its arguments', () => {
    const diff = diffCalls([[NY], [{ name: 'get_forecast', arguments: '{"location": "New York"}' }]]);
    expect(diff.differences).toHaveLength(1);
    const [row] = diff.differences;
    expect(row.otherFunction).toBe(true);
    expect(row.missingIn).toEqual([]);
    expect(row.arguments).toEqual([]);
    expect(describeDifference(row, ['a', 'b'])).toBe('Another function: a called get_current_weather, b called get_forecast');
  });

  it('prefers the same function over another one when pairing leftovers', () => {
    const diff = diffCalls([[{ name: 'g', arguments: '{"x": 1}' }, { name: 'f', arguments: '{"x": 1}' }], [{ name: 'f', arguments: '{"x": 2}' }]]);
    const paired = diff.rows.find((row) => row.missingIn.length === 0)!;
    expect(paired.calls.map((call) => call?.name)).toEqual(['f', 'f']);
    expect(paired.arguments).toEqual([{ name: 'x', values: ['1', '2'] }]);
  });

  it('compares arguments that are not JSON as text', () => {
    const diff = diffCalls([[{ name: 'f', arguments: '{"a": 1' }], [{ name: 'f', arguments: '{"a": 1}' }]]);
    expect(diff.differences[0].arguments).toEqual([{ name: null, values: ['{"a": 1', '{"a":1}'] }]);
    expect(diffCalls([[{ name: 'f', arguments: ' {oops ' }], [{ name: 'f', arguments: '{oops' }]]).differences).toEqual([]);
    expect(describeDifference(diff.differences[0], ['a', 'b'])).toBe('The arguments of f differ as a whole');
  });

  it('treats empty arguments as an empty object', () => {
    expect(diffCalls([[{ name: 'f', arguments: '' }], [{ name: 'f', arguments: '{}' }]]).differences).toEqual([]);
  });

  it('reports every call of a column that made none as missing there', () => {
    const diff = diffCalls([[NY, SF], []]);
    expect(diff.differences.map((row) => row.missingIn)).toEqual([[1], [1]]);
    expect(diffCalls([[], []]).rows).toEqual([]);
  });

  it('lines up three columns where one differs in an argument and one lacks the call', () => {
    const diff = diffCalls([[weather('Chicago', { unit: 'celsius' })], [weather('Chicago', { unit: 'fahrenheit' })], []]);
    expect(diff.rows).toHaveLength(1);
    const [row] = diff.rows;
    expect(row.missingIn).toEqual([2]);
    expect(row.arguments).toEqual([{ name: 'unit', values: ['"celsius"', '"fahrenheit"', null] }]);
    expect(describeDifference(row, ['a', 'b', 'c'])).toBe('Not called by c: get_current_weather; argument unit of get_current_weather differs');
  });

  it('compares at most MAX_COMPARED_CALLS calls of a column', () => {
    const many = Array.from({ length: MAX_COMPARED_CALLS + 10 }, (_, i) => weather(`City ${i}`));
    expect(diffCalls([many, many]).rows).toHaveLength(MAX_COMPARED_CALLS);
  });
});
