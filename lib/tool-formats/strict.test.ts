import { describe, expect, it } from 'vitest';
import { createAjv } from '@/lib/tools/schema-engine';
import { checkTools } from './rules';
import { tool } from './rules/fixtures/cases';
import { makeStrict } from './strict';

const ajv = createAjv({ strict: false, validateFormats: false, logger: false });

describe('makeStrict', () => {
  it('requires every property, making the optional ones nullable, and closes every object', () => {
    const { schema, changes } = makeStrict(
      {
        type: 'object',
        properties: {
          city: { type: 'string' },
          unit: { type: 'string', enum: ['c', 'f'] },
          days: { type: 'integer' },
          where: { type: 'object', properties: { lat: { type: 'number' } } },
        },
        required: ['city'],
      },
      'get_weather',
    );
    expect(schema).toEqual({
      type: 'object',
      properties: {
        city: { type: 'string' },
        unit: { anyOf: [{ type: 'string', enum: ['c', 'f'] }, { type: 'null' }] },
        days: { type: ['integer', 'null'] },
        where: { anyOf: [{ type: 'object', properties: { lat: { type: ['number', 'null'] } }, required: ['lat'], additionalProperties: false }, { type: 'null' }] },
      },
      required: ['city', 'unit', 'days', 'where'],
      additionalProperties: false,
    });
    expect(changes).toContainEqual({ tool: 'get_weather', path: 'parameters.properties.unit', message: expect.stringContaining('"unit" added to required and made nullable') });
    expect(changes).toContainEqual({ tool: 'get_weather', path: 'parameters.additionalProperties', message: expect.stringContaining('additionalProperties: false added') });
  });

  it('turns oneOf into anyOf, merges allOf and drops what strict mode rejects', () => {
    const { schema, changes } = makeStrict({
      type: 'object',
      properties: {
        id: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
        box: { allOf: [{ type: 'object', properties: { w: { type: 'number' } } }, { properties: { h: { type: 'number' } }, required: ['h'] }] },
        flag: { type: 'boolean', not: { const: false } },
      },
      required: ['id', 'box', 'flag'],
      if: { required: ['flag'] },
      then: { required: ['id'] },
    });
    expect(schema.properties).toEqual({
      id: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
      box: { type: 'object', properties: { w: { type: ['number', 'null'] }, h: { type: 'number' } }, required: ['w', 'h'], additionalProperties: false },
      flag: { type: 'boolean' },
    });
    expect(schema).not.toHaveProperty('if');
    expect(changes.map((change) => change.path)).toEqual(expect.arrayContaining(['parameters.if', 'parameters.then', 'parameters.properties.id.oneOf', 'parameters.properties.box.allOf', 'parameters.properties.flag.not']));
  });

  it('gives a schema strict mode accepts and Ajv compiles', () => {
    const inputs: unknown[] = [
      { properties: { q: { type: 'string' }, filters: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, value: {} } } } } },
      { type: 'object', properties: { meta: { type: 'object', additionalProperties: { type: 'string' } } } },
      { type: 'object', properties: { ref: { $ref: '#/$defs/x' } }, $defs: { x: { type: 'object', properties: { a: { type: 'string' } } } } },
      null,
    ];
    for (const input of inputs) {
      const { schema } = makeStrict(input, 't');
      const errors = checkTools([tool('t', schema, { strict: true })], ['openai']).filter((f) => f.severity === 'error');
      expect(errors, JSON.stringify(schema)).toEqual([]);
      expect(ajv.validateSchema(schema)).toBe(true);
    }
  });

  it('leaves the input as it was', () => {
    const input = { type: 'object', properties: { a: { type: 'string' } } };
    const before = JSON.stringify(input);
    makeStrict(input);
    expect(JSON.stringify(input)).toBe(before);
  });
});
