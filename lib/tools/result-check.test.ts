/** A result before it is sent: JSON or not, and checked against its function's result schema. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSchemaEngine } from './schema-engine-loader';
import { checkResultIfLoaded, RESULT_OK, resultJsonProblem } from './result-check';

beforeAll(async () => {
  await loadSchemaEngine();
});

describe('resultJsonProblem', () => {
  it("names why a result is not JSON in the parser's words; JSON and an empty result are fine", () => {
    expect(resultJsonProblem('Sunny, 22 degrees')).toMatch(/Unexpected token/);
    expect(resultJsonProblem('{"t": 1')).toMatch(/JSON/);
    for (const text of ['{"t": 1}', '"text"', '22', 'null', '', '  ']) expect(resultJsonProblem(text), text).toBeNull();
  });
});

describe('checkResultIfLoaded', () => {
  const schema = JSON.stringify({ type: 'object', required: ['temperature'], properties: { temperature: { type: 'number' }, city: { type: 'string', pattern: '^[A-Z]' } } });

  it('says what does not match, in the words of the arguments check', () => {
    expect(checkResultIfLoaded(schema, '{"city": "paris"}')).toEqual({
      ok: false,
      summary: 'Missing required "temperature"',
      problems: ['Missing required "temperature"', '"city" must match pattern "^[A-Z]"'],
    });
    expect(checkResultIfLoaded(schema, '"just text"')!.problems).toEqual(['The result should be object']);
    expect(checkResultIfLoaded(schema, '{"temperature": 22, "city": "Paris"}')).toEqual({ ok: true, summary: RESULT_OK, problems: [] });
  });

  it('checks nothing without a schema, for an empty result, or one that is not JSON (warned about on its own)', () => {
    expect(checkResultIfLoaded(undefined, '{}')).toBeNull();
    expect(checkResultIfLoaded('  ', '{}')).toBeNull();
    expect(checkResultIfLoaded(schema, '')).toBeNull();
    expect(checkResultIfLoaded(schema, 'Sunny')).toBeNull();
  });

  it('a schema that cannot be used says so instead of passing the result', () => {
    expect(checkResultIfLoaded('{"type": ', '{}')!.summary).toBe('The result schema is not valid JSON, so the result was not checked');
    expect(checkResultIfLoaded('[1]', '{}')!.summary).toBe('The result schema is not a JSON object, so the result was not checked');
    expect(checkResultIfLoaded('{"type": "nope"}', '{}')!.summary).toMatch(/^The result schema is not a valid JSON Schema/);
  });
});
