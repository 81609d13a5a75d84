/** Tool results in sentences: flat, nested and listed values, never JSON, bounded. */
import { describe, expect, it } from 'vitest';
import { describeResult, MAX_VALUES, newBudget } from './result-sentences';

describe('describeResult', () => {
  it('states an object’s values as clauses', () => {
    expect(describeResult('{"temperature": 22, "unit": "celsius"}')).toBe('the temperature is 22 and the unit is celsius');
    expect(describeResult('{"wind_speed": 12, "isOpen": false, "has_parking": true, "note": null}')).toBe(
      'the wind speed is 12, it is not open, it has parking and the note is none',
    );
  });

  it('states nested objects and arrays without JSON', () => {
    expect(describeResult('{"a":1,"b":{"c":"x"},"d":[{"e":true}],"f":[],"g":null}')).toBe(
      'the a is 1, the b is (c: x), the d is 1 item: (1) e: true, the f is none and the g is none',
    );
    expect(describeResult('{"details": {"wind": "strong", "sky": ["clear", "windy"]}}')).toBe('the details are (wind: strong, sky: clear and windy)');
    expect(describeResult('{"flights": [{"airline": "Delta", "price": 320, "legs": [{"from": "JFK", "to": "LHR"}]}, {"airline": "United", "price": 290}]}')).toBe(
      'the flights are 2 items: (1) airline: Delta, price: 320, legs: 1 item: (1) from: JFK, to: LHR; (2) airline: United, price: 290',
    );
    expect(describeResult('[{"name": "Ann"}, {"name": "Raj"}]')).toBe('2 items: (1) name: Ann; (2) name: Raj');
  });

  it('quotes plain text, states plain values, and says when there is nothing', () => {
    expect(describeResult('  It is sunny ')).toBe('“It is sunny”');
    expect(describeResult('42')).toBe('42');
    expect(describeResult('"ok"')).toBe('ok');
    expect(describeResult('')).toBe('an empty result');
    expect(describeResult('{}')).toBe('an empty result');
  });

  it('never writes JSON or [object Object], however deep or odd the result', () => {
    let deep: unknown = { leaf: 'bottom' };
    for (let i = 0; i < 30; i++) deep = { level: i, inner: deep, list: [{ at: i }, 'text'] };
    for (const result of [JSON.stringify(deep), '[[[[[[1]]]]]]', '{"a":[[{"b":[{}]}]]}', '[null, {"x": []}]']) {
      const text = describeResult(result);
      expect(text).not.toMatch(/[{}"]|\[object Object\]/);
      expect(text.length).toBeLessThan(4000);
    }
  });

  it('states at most MAX_VALUES values over one answer, counting the rest', () => {
    const many = JSON.stringify(Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, 'x'.repeat(1000)])));
    const budget = newBudget();
    const text = describeResult(many, budget);
    expect(text).toMatch(/and \d+ more$/);
    expect(text.length).toBeLessThan(MAX_VALUES * 200);
    expect(describeResult('{"a": 1}', budget)).toBe('1 more');
  });
});
