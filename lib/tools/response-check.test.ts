/** An answer against its response_format, and a json_schema format's schema against strict mode. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResponseFormat } from '@/lib/wire/chat';
import { loadSchemaEngine } from './schema-engine-loader';
import {
  checkResponseFormat, checkResponseFormatIfLoaded, checkResponseSchema, checkResponseSchemaIfLoaded, MAX_CHECKED_CHARS, MAX_ERRORS,
} from './response-check';

beforeAll(async () => {
  await loadSchemaEngine();
});

const SCHEMA = {
  type: 'object',
  properties: {
    city: { type: 'string' },
    temperature: { type: 'number' },
    unit: { enum: ['celsius', 'fahrenheit'] },
    address: { type: 'object', properties: { street: { type: 'string' } }, required: ['street'] },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['city', 'temperature'],
  additionalProperties: false,
};
const SCHEMA_FORMAT: ResponseFormat = { type: 'json_schema', json_schema: { name: 'weather', schema: SCHEMA } };
const OBJECT_FORMAT: ResponseFormat = { type: 'json_object' };

describe('checkResponseFormat', () => {
  it('checks nothing for text, no format, or a turn without text', async () => {
    expect(await checkResponseFormat('plain words', undefined)).toEqual({ kind: 'none' });
    expect(await checkResponseFormat('plain words', { type: 'text' })).toEqual({ kind: 'none' });
    expect(await checkResponseFormat(null, SCHEMA_FORMAT)).toEqual({ kind: 'none' });
  });

  it('says where an answer stops being JSON', async () => {
    expect(await checkResponseFormat('{"city": "Paris",\n "temperature": }', OBJECT_FORMAT)).toEqual({
      kind: 'invalid',
      summary: expect.stringMatching(/^The answer is not JSON: .+ \(line 2, column 17\)$/),
      errors: [expect.stringMatching(/line 2, column 17/)],
    });
    expect((await checkResponseFormat('Sure! {"a": 1}', OBJECT_FORMAT)).kind).toBe('invalid');
    expect(await checkResponseFormat('  ', OBJECT_FORMAT)).toMatchObject({ kind: 'invalid', summary: 'The answer is empty, not JSON' });
  });

  it('json_object: an object is valid; other JSON is not', async () => {
    expect(await checkResponseFormat('{"answer": "yes"}', OBJECT_FORMAT)).toEqual({ kind: 'valid', summary: 'The answer is a JSON object' });
    expect(await checkResponseFormat('[1, 2]', OBJECT_FORMAT)).toMatchObject({ kind: 'invalid', summary: 'The answer is JSON but not an object (it is an array)' });
    expect(await checkResponseFormat('"yes"', OBJECT_FORMAT)).toMatchObject({ summary: 'The answer is JSON but not an object (it is a string)' });
  });

  it('json_schema: valid against the schema, or each problem in words with where it is', async () => {
    expect(await checkResponseFormat('{"city": "Paris", "temperature": 21, "unit": "celsius"}', SCHEMA_FORMAT)).toEqual({
      kind: 'valid',
      summary: 'The answer matches the schema "weather"',
    });
    const check = await checkResponseFormat('{"temperature": "hot", "unit": "kelvin", "address": {}, "tags": [1], "extra": true}', SCHEMA_FORMAT);
    expect(check.kind).toBe('invalid');
    if (check.kind !== 'invalid') return;
    expect(check.summary).toBe(check.errors[0]);
    expect(check.errors).toEqual(expect.arrayContaining([
      'Missing required "city"',
      '"temperature" should be number',
      '"unit" should be one of "celsius", "fahrenheit"',
      'Missing required "street" in "address"',
      '"tags[0]" should be string',
      'Property "extra" is not defined by the schema',
    ]));
  });

  it('json_schema without a schema: any JSON object', async () => {
    const format: ResponseFormat = { type: 'json_schema', json_schema: { name: 'free' } };
    expect((await checkResponseFormat('{}', format)).kind).toBe('valid');
    expect((await checkResponseFormat('3', format)).kind).toBe('invalid');
  });

  it('a schema that does not compile is said, not passed', async () => {
    const format: ResponseFormat = { type: 'json_schema', json_schema: { name: 'broken', schema: { type: 'nothing' } } };
    expect(await checkResponseFormat('{}', format)).toMatchObject({ kind: 'invalid', summary: expect.stringMatching(/^The schema "broken" is not a valid JSON Schema/) });
  });

  it('is bounded: the errors are capped and counted, and a huge answer is not read', async () => {
    const format: ResponseFormat = { type: 'json_schema', json_schema: { name: 'list', schema: { type: 'array', items: { type: 'string' } } } };
    const check = await checkResponseFormat(JSON.stringify(Array.from({ length: 100 }, (_, i) => i)), format);
    expect(check.kind === 'invalid' && check.errors.length).toBe(MAX_ERRORS);
    expect(check.kind === 'invalid' && check.errors.at(-1)).toBe('81 more problems');
    const huge = await checkResponseFormat(`"${'x'.repeat(MAX_CHECKED_CHARS)}"`, OBJECT_FORMAT);
    expect(huge).toMatchObject({ kind: 'invalid', summary: expect.stringMatching(/^The answer is too long to check/) });
  });

  it('the synchronous form answers the same once Ajv has loaded', async () => {
    const content = '{"city": 1}';
    expect(checkResponseFormatIfLoaded(content, SCHEMA_FORMAT)).toEqual(await checkResponseFormat(content, SCHEMA_FORMAT));
    expect(checkResponseFormatIfLoaded('{}', OBJECT_FORMAT)).toEqual({ kind: 'valid', summary: 'The answer is a JSON object' });
  });
});

describe('checkResponseSchema', () => {
  it('says whether the schema compiles', async () => {
    expect(await checkResponseSchema(SCHEMA)).toEqual({ ok: true, summary: 'The schema compiles', problems: [] });
    expect((await checkResponseSchema({ type: 'nothing' })).summary).toMatch(/^The schema is not a valid JSON Schema/);
    expect((await checkResponseSchema([1])).summary).toBe('The schema must be a JSON object');
  });

  it('with strict: a root object, additionalProperties false and every property required, at every level', async () => {
    expect((await checkResponseSchema(SCHEMA, true)).problems).toEqual([
      'Strict mode needs every property required at the root: add "unit", "address", "tags" to "required"',
      'Strict mode needs "additionalProperties": false at properties.address',
    ]);
    const strict = {
      type: 'object',
      properties: { a: { type: 'array', items: { type: 'object', properties: { b: { type: 'string' } }, required: ['b'], additionalProperties: false } } },
      required: ['a'],
      additionalProperties: false,
    };
    expect(await checkResponseSchema(strict, true)).toEqual({ ok: true, summary: 'The schema compiles and meets strict mode', problems: [] });
    expect((await checkResponseSchema({ type: 'array', items: { type: 'string' } }, true)).problems).toEqual(['Strict mode needs the root to be "type": "object"']);
    expect(checkResponseSchemaIfLoaded({ anyOf: [{ type: 'object' }] }, true)!.problems).toEqual([
      'Strict mode needs the root to be "type": "object"',
      'Strict mode does not allow "anyOf" at the root',
      'Strict mode needs "additionalProperties": false at anyOf[0]',
    ]);
  });
});
