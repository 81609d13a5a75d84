import { describe, expect, it } from 'vitest';
import type { ToolCallCard } from '@/lib/conversation/state';
import { declinedResult } from '@/lib/conversation/state';
import { resultError, resultNotes, valuesUsed } from './notes';

const WEATHER = '{"temperature": 22, "unit": "celsius", "description": "Sunny"}';

describe('resultError: the error a function reported in its result', () => {
  it('reads an error as text, as an object’s message, or as JSON', () => {
    expect(resultError('{"error": "No such city"}')).toBe('No such city');
    expect(resultError('{"error": {"message": "Rate limited", "code": 429}}')).toBe('Rate limited');
    expect(resultError('{"error": {"code": 429}}')).toBe('{"code":429}');
    expect(resultError('{"error": true}')).toBe('true');
    expect(resultError(declinedResult('get_current_weather'))).toBe('The user declined to run get_current_weather.');
  });

  it('finds none in a result without one, an empty or false one, or text that is not JSON', () => {
    expect(resultError(WEATHER)).toBeNull();
    expect(resultError('{"error": null}')).toBeNull();
    expect(resultError('{"error": false}')).toBeNull();
    expect(resultError('{"error": ""}')).toBeNull();
    expect(resultError('Error: the service is down')).toBeNull();
    expect(resultError('')).toBeNull();
    expect(resultError('[{"error": "inside a list"}]')).toBeNull();
    expect(resultError('"error"')).toBeNull();
  });
});

describe('valuesUsed: which of the results’ values the answer uses', () => {
  it('finds numbers and strings of the result in the answer, case aside, in the result’s order', () => {
    expect(valuesUsed([WEATHER], 'It is 22 °C and sunny in New York.')).toEqual(['22', '“Sunny”']);
    expect(valuesUsed([WEATHER], 'It is 22°C, Celsius, sunny.')).toEqual(['22', '“celsius”', '“Sunny”']);
  });

  it('does not find a number inside another number', () => {
    expect(valuesUsed(['{"temperature": 2}'], 'It is 22 degrees.')).toEqual([]);
    expect(valuesUsed(['{"temperature": 2}'], 'It is 12.'), 'a digit before').toEqual([]);
    expect(valuesUsed(['{"temperature": 5}'], 'It is 22.5 degrees.'), 'a decimal part').toEqual([]);
    expect(valuesUsed(['{"temperature": 22}'], 'It is 22.5 degrees.'), 'a whole part').toEqual([]);
    expect(valuesUsed(['{"temperature": 22.5}'], 'It is 22.5 degrees.')).toEqual(['22.5']);
    expect(valuesUsed(['{"temperature": 22.5}'], 'It is 2205 degrees.'), 'the point is a point').toEqual([]);
    expect(valuesUsed(['{"temperature": 22}'], 'It is 22.')).toEqual(['22']);
    expect(valuesUsed(['{"temperature": 22}'], '22')).toEqual(['22']);
  });

  it('looks into nested objects and lists, over every result', () => {
    const forecast = '{"city": {"name": "Oslo"}, "days": [{"high": 3}, {"high": 7, "sky": ["Snow"]}]}';
    expect(valuesUsed([forecast, '{"wind": 11}'], 'Oslo: 3 today, 7 and snow tomorrow, wind 11.')).toEqual(['“Oslo”', '3', '7', '“Snow”', '11']);
  });

  it('takes a result that is not JSON as one string, and skips strings too short or too long to mean much', () => {
    expect(valuesUsed(['Sunny and warm'], 'Sunny and warm all day.')).toEqual(['“Sunny and warm”']);
    expect(valuesUsed(['not json {'], 'It is sunny.')).toEqual([]);
    expect(valuesUsed(['{"flag": "a", "note": "' + 'x'.repeat(61) + '"}'], `a ${'x'.repeat(61)}`)).toEqual([]);
    expect(valuesUsed(['{"ok": true, "n": null}'], 'true null')).toEqual([]);
  });

  it('names at most five values, each once, even when results repeat them', () => {
    const two = ['{"temperature": 22, "unit": "celsius"}', '{"temperature": 22, "unit": "celsius"}'];
    expect(valuesUsed(two, '22 celsius')).toEqual(['22', '“celsius”']);
    const many = '{"a": 11, "b": 12, "c": 13, "d": 14, "e": 15, "f": 16, "g": 17}';
    expect(valuesUsed([many], '11 12 13 14 15 16 17')).toEqual(['11', '12', '13', '14', '15']);
    const repeated = ['{"a": 11}', '{"a": 11}', '{"a": 11}', '{"b": 12, "c": 13, "d": 14, "e": 15, "f": 16}'];
    expect(valuesUsed(repeated, '11 12 13 14 15 16')).toEqual(['11', '12', '13', '14', '15']);
  });
});

describe('resultNotes', () => {
  const card = (change: Partial<ToolCallCard> = {}): ToolCallCard => ({
    key: 'e1.0',
    index: 0,
    id: 'c1',
    name: 'get_current_weather',
    arguments: '{"location": "Oslo"}',
    state: 'approved',
    result: WEATHER,
    ...change,
  });

  it('says what came back, an error as an error, and how many calls still wait', () => {
    expect(resultNotes([{ card: card(), content: WEATHER }], 1)).toEqual([`get_current_weather returned ${WEATHER}`, 'Next, the app sends the results back to the model, each as a “tool” message.']);
    const notes = resultNotes([{ card: card(), content: '{"error": "No such city"}' }], 3);
    expect(notes[0]).toBe('get_current_weather reported an error: No such city. The error goes back as the result, so the model can tell the person.');
    expect(notes[1]).toMatch(/^2 calls of this reply still wait for a result/);
  });

  it('a result typed after a JavaScript mock failed is what went back, not the mock’s error', () => {
    const typed = card({ mock: { kind: 'javascript', status: 'failed', error: 'ReferenceError: x' }, result: '{"temperature": 5}' });
    expect(resultNotes([{ card: typed, content: '{"temperature": 5}' }], 1)[0]).toBe('get_current_weather returned {"temperature": 5}');
  });
});
