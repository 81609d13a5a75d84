import { describe, expect, it } from 'vitest';
import { importBfcl } from './bfcl';
import { bfclToJsonSchema, wireNames } from './bfcl-schema';
import { MAX_LINE_CHARS } from './json-lines';

const question = (id: string, functions: unknown[], content = 'Hi') => JSON.stringify({ id, question: [[{ role: 'user', content }]], function: functions });
const fn = (name: string, properties: Record<string, unknown>, required: string[] = []) => ({ name, description: 'd', parameters: { type: 'dict', properties, required } });
const answer = (id: string, ground_truth: unknown[]) => JSON.stringify({ id, ground_truth });

describe('bfclToJsonSchema', () => {
  it('maps BFCL types recursively and drops its `optional` flag', () => {
    const schema = {
      type: 'dict',
      properties: {
        point: { type: 'tuple', items: { type: 'float' } },
        anything: { type: 'any', description: 'x', optional: true },
        nested: { type: 'dict', properties: { list: { type: 'array', items: { type: 'dict', properties: { n: { type: 'float' } } } } } },
        either: { anyOf: [{ type: 'float' }, { type: ['string', 'float'] }] },
      },
      required: ['point'],
    };
    expect(bfclToJsonSchema(schema)).toEqual({
      type: 'object',
      properties: {
        point: { type: 'array', items: { type: 'number' } },
        anything: { description: 'x' },
        nested: { type: 'object', properties: { list: { type: 'array', items: { type: 'object', properties: { n: { type: 'number' } } } } } },
        either: { anyOf: [{ type: 'number' }, { type: ['string', 'number'] }] },
      },
      required: ['point'],
    });
  });
});

describe('wireNames', () => {
  it('replaces dots, keeps valid names, and numbers collisions', () => {
    expect([...wireNames(['spotify.play', 'spotify_play', 'a.b', 'a b', 'ok'])]).toEqual([
      ['spotify.play', 'spotify_play_2'],
      ['spotify_play', 'spotify_play'],
      ['a.b', 'a_b'],
      ['a b', 'a_b_2'],
      ['ok', 'ok'],
    ]);
    const long = `${'x'.repeat(70)}.y`;
    expect(wireNames([long]).get(long)).toHaveLength(64);
  });
});

describe('importBfcl', () => {
  it('builds a case per line with its id, tools, names and expectation', () => {
    const questions = question('simple_1', [fn('weather.get', { city: { type: 'string' }, unit: { type: 'string' }, days: { type: 'integer' } }, ['city'])]);
    const answers = answer('simple_1', [{ 'weather.get': { city: ['Paris', 'Paris, France'], unit: ['', 'celsius'], days: [''] } }]);
    const { cases, problems } = importBfcl(questions, answers);
    expect(problems).toEqual([]);
    expect(cases).toEqual([
      {
        id: 'simple_1',
        messages: [{ role: 'user', content: 'Hi' }],
        tools: [{ type: 'function', function: { name: 'weather_get', description: 'd', parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string' }, days: { type: 'integer' } }, required: ['city'] } } }],
        names: { weather_get: 'weather.get' },
        expect: {
          calls: [
            {
              name: 'weather_get',
              arguments: {
                city: { kind: 'one_of', values: ['Paris', 'Paris, France'] },
                unit: { kind: 'equals', value: 'celsius', optional: true },
                days: { kind: 'absent' },
              },
            },
          ],
        },
      },
    ]);
  });

  it('expands dict answers into the objects they allow, lists of dicts too', () => {
    const questions = question('d', [fn('f', { range: { type: 'dict', properties: {} }, rows: { type: 'array', items: { type: 'dict' } } })]);
    const answers = answer('d', [{ f: { range: [{ min: [1], max: [2, ''] }], rows: [[{ a: ['x', 'y'] }, { b: [1] }]] } }]);
    const { cases, problems } = importBfcl(questions, answers);
    expect(problems).toEqual([]);
    expect(cases[0].expect.calls[0].arguments).toEqual({
      range: { kind: 'one_of', values: [{ min: 1, max: 2 }, { min: 1 }] },
      rows: { kind: 'one_of', values: [[{ a: 'x' }, { b: 1 }], [{ a: 'y' }, { b: 1 }]] },
    });
  });

  it('without answers, every case expects no tool call', () => {
    const { cases, problems } = importBfcl(`${question('irrelevance_0', [fn('f', {})])}\n\n`);
    expect(problems).toEqual([]);
    expect(cases.map((c) => c.expect)).toEqual([{ calls: [] }]);
  });

  it('reports each bad line and imports the rest', () => {
    const lines = [
      question('good', [fn('f', {})]),
      '{"id": "broken"',
      JSON.stringify({ id: 'no_function', question: [[{ role: 'user', content: 'x' }]] }),
      question('bad_role', [fn('f', {})]).replace('"user"', '"robot"'),
      question('good', [fn('f', {})]),
      question('no_answer', [fn('f', {})]),
      question('calls_unknown', [fn('f', {})]),
      'x'.repeat(MAX_LINE_CHARS + 1),
      JSON.stringify({ id: 'deep', question: [[{ role: 'user', content: 'x' }]], function: [{ name: 'f', parameters: JSON.parse('{"a":'.repeat(70) + '1' + '}'.repeat(70)) }] }),
    ].join('\n');
    const answers = [answer('good', [{ f: {} }]), answer('bad_role', [{ f: {} }]), answer('calls_unknown', [{ g: {} }]), 'nope'].join('\n');
    const { cases, problems } = importBfcl(lines, answers);
    expect(cases.map((c) => c.id)).toEqual(['good']);
    expect(problems).toEqual([
      expect.stringMatching(/^Answers file, line 4: not JSON \(.+\)$/),
      expect.stringMatching(/^Line 2: not JSON \(.+\)$/),
      `Line 8: ${(MAX_LINE_CHARS + 1).toLocaleString('en-US')} characters, more than the ${MAX_LINE_CHARS.toLocaleString('en-US')} a record may have`,
      'Line 9: nested deeper than 64 levels',
      'Line 3 (no_function): "function" is not a list',
      expect.stringMatching(/^Line 4 \(bad_role\): messages\.0\.role: Invalid discriminator value/),
      'Line 5 (good): the id is used by an earlier case',
      'Line 6 (no_answer): the answers file has no ground truth for this id',
      'Line 7 (calls_unknown): the ground truth calls g, which the question does not offer',
    ]);
  });

  it('reads at most the case limit', () => {
    const text = Array.from({ length: 2_003 }, (_, i) => question(`c${i}`, [fn('f', {})])).join('\n');
    const { cases, problems } = importBfcl(text);
    expect(cases).toHaveLength(2_000);
    expect(problems).toEqual(['Only the first 2,000 records were read; the rest, from line 2001, were left out']);
  });
});
