import { describe, expect, it } from 'vitest';
import { casesFromJsonl, casesToJsonl } from './jsonl';
import type { TestCase } from './types';

const cases: TestCase[] = [
  {
    id: 'weather-paris',
    messages: [{ role: 'user', content: 'Weather in Paris?' }],
    expect: {
      calls: [{ name: 'get_weather', arguments: { city: { kind: 'equals', value: 'Paris' }, unit: { kind: 'one_of', values: ['celsius', 'fahrenheit'], optional: true } } }],
      answer_mentions: ['Paris'],
    },
  },
  { id: 'no-call', messages: [{ role: 'user', content: 'Tell me a joke' }], expect: { calls: [] }, names: { a_b: 'a.b' } },
];

describe('JSON Lines test cases', () => {
  it('round-trips, one case per line', () => {
    const text = casesToJsonl(cases);
    expect(text.split('\n')).toHaveLength(3);
    expect(casesFromJsonl(text)).toEqual({ cases, problems: [] });
  });

  it('reports each bad line and keeps the others', () => {
    const good = JSON.stringify(cases[0]);
    const text = [good, '', '{"id": "x"}', JSON.stringify({ ...cases[1], expect: { calls: [{ name: '', arguments: {} }] } }), good, 'not json'].join('\n');
    const { cases: read, problems } = casesFromJsonl(text);
    expect(read.map((c) => c.id)).toEqual(['weather-paris']);
    expect(problems).toEqual([
      expect.stringMatching(/^Line 6: not JSON \(/),
      expect.stringMatching(/^Line 3: messages: .*; expect: /),
      expect.stringMatching(/^Line 4: expect\.calls\.0\.name: /),
      'Line 5: the id "weather-paris" is used by an earlier case',
    ]);
  });

  it('reads a JSON array of cases too', () => {
    expect(casesFromJsonl(JSON.stringify(cases)).cases).toEqual(cases);
  });
});
