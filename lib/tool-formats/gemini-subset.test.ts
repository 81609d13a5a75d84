import { describe, expect, it } from 'vitest';
import { createAjv } from '@/lib/tools/schema-engine';
import { toGeminiSubset } from './gemini-subset';
import { checkTools } from './rules';
import { tool } from './rules/fixtures/cases';

const ajv = createAjv({ strict: false, validateFormats: false, logger: false });

describe('toGeminiSubset', () => {
  it('writes type lists and null branches as nullable, oneOf as anyOf, const as an enum', () => {
    const { schema, changes } = toGeminiSubset(
      {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        additionalProperties: false,
        properties: {
          unit: { type: ['string', 'null'], enum: ['c', 'f', null] },
          note: { anyOf: [{ type: 'string', maxLength: 200 }, { type: 'null' }], description: 'A note' },
          id: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
          kind: { const: 'forecast' },
          either: { type: ['string', 'number'] },
          days: { type: 'integer', enum: [1, 3], description: 'How many days.' },
          tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, examples: [['a']] },
        },
        required: ['unit'],
      },
      'get_weather',
    );
    expect(schema).toEqual({
      type: 'object',
      properties: {
        unit: { type: 'string', description: 'One of: "c", "f", null.', nullable: true },
        note: { type: 'string', maxLength: 200, description: 'A note', nullable: true },
        id: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
        kind: { enum: ['forecast'] },
        either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
        days: { type: 'integer', description: 'How many days. One of: 1, 3.' },
        tags: { type: 'array', items: { type: 'string' }, example: ['a'] },
      },
      required: ['unit'],
    });
    expect(changes).toContainEqual({ tool: 'get_weather', path: 'parameters.additionalProperties', message: 'additionalProperties dropped: Gemini does not check extra properties.' });
  });

  it('inlines $refs', () => {
    const { schema } = toGeminiSubset({ type: 'object', properties: { at: { $ref: '#/$defs/place' } }, $defs: { place: { type: 'object', properties: { city: { type: 'string' } } } } });
    expect(schema).toEqual({ type: 'object', properties: { at: { type: 'object', properties: { city: { type: 'string' } } } } });
  });

  it('leaves nothing the Gemini rules flag, and a schema Ajv compiles', () => {
    const input = {
      type: 'object',
      properties: {
        q: { type: 'string', format: 'email', pattern: '^.+@.+$' },
        opts: { type: 'object', patternProperties: { '^x-': { type: 'string' } }, propertyNames: { maxLength: 5 }, properties: { n: { type: ['integer', 'null'], exclusiveMinimum: 0, multipleOf: 2 } } },
        pick: { allOf: [{ $ref: '#/definitions/choice' }] },
      },
      definitions: { choice: { enum: [true, false] } },
      dependentRequired: { q: ['opts'] },
    };
    const { schema } = toGeminiSubset(input, 'search');
    expect(checkTools([tool('search', schema)], ['gemini']).filter((f) => f.rule.startsWith('gemini/'))).toEqual([]);
    expect(ajv.validateSchema(schema)).toBe(true);
  });
});
