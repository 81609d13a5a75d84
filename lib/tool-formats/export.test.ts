import { describe, expect, it } from 'vitest';
import type { Tool } from '@/lib/wire/chat';
import { exportTools, upperCaseTypes } from './export';

const parameters = { type: 'object', properties: { city: { type: 'string', description: 'City' }, days: { type: 'integer', enum: [1, 2] } }, required: ['city'] };
const weather: Tool = { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters, strict: false } };
const now: Tool = { type: 'function', function: { name: '2fa-code' } };

function messages(changes: Array<{ tool: string | null; message: string }>, tool: string): string {
  return changes.filter((change) => change.tool === tool).map((change) => change.message).join('\n');
}

describe('exportTools', () => {
  it('openai: the tools as they are', () => {
    expect(exportTools([weather, now], 'openai')).toEqual({ target: 'openai', value: [weather, now], changes: [] });
  });

  it('openai-strict: every tool strict', () => {
    const { value } = exportTools([weather, now], 'openai-strict');
    expect(value).toMatchObject([
      { type: 'function', function: { name: 'get_weather', description: 'Weather', strict: true } },
      { type: 'function', function: { name: '2fa-code', strict: true, parameters: { type: 'object' } } },
    ]);
  });

  it('anthropic: input_schema, strict dropped and reported, a schema for a tool without one', () => {
    const { value, changes } = exportTools([weather, now], 'anthropic');
    expect(value).toEqual([
      { name: 'get_weather', description: 'Weather', input_schema: parameters },
      { name: '2fa-code', input_schema: { type: 'object', properties: {} } },
    ]);
    expect(messages(changes, 'get_weather')).toMatch(/strict dropped/);
    expect(messages(changes, '2fa-code')).toMatch(/input_schema added/);
  });

  it('anthropic and mcp: type object set at the top when the schema has none', () => {
    const loose: Tool = { type: 'function', function: { name: 'f', parameters: { properties: {} } } };
    expect(exportTools([loose], 'anthropic').value).toEqual([{ name: 'f', input_schema: { properties: {}, type: 'object' } }]);
    expect(exportTools([loose], 'mcp').value).toEqual({ tools: [{ name: 'f', inputSchema: { properties: {}, type: 'object' } }] });
  });

  it('gemini: functionDeclarations with UPPERCASE types; a name Gemini rejects renamed and reported', () => {
    const { value, changes } = exportTools([weather, now], 'gemini');
    expect(value).toMatchObject({
      functionDeclarations: [
        { name: 'get_weather', description: 'Weather', parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' }, days: { type: 'INTEGER' } } } },
        { name: '_2fa-code' },
      ],
    });
    expect((value as { functionDeclarations: object[] }).functionDeclarations[1]).not.toHaveProperty('parameters');
    expect(messages(changes, '_2fa-code')).toMatch(/Renamed from "2fa-code"/);
    expect(messages(changes, 'get_weather')).toMatch(/strict dropped/);
  });

  it('gemini: a renamed tool does not take another tool\'s name', () => {
    const { value } = exportTools([now, { type: 'function', function: { name: '_2fa-code' } }], 'gemini');
    expect((value as { functionDeclarations: Array<{ name: string }> }).functionDeclarations.map((d) => d.name)).toEqual(['_2fa-code_2', '_2fa-code']);
  });

  it('mcp: inputSchema, outputSchema and annotations from the extras', () => {
    const output = { type: 'object', properties: { temp: { type: 'number' } } };
    const { value, changes } = exportTools([weather, now], 'mcp', {
      resultSchemas: { get_weather: output, '2fa-code': { type: 'string' } },
      annotations: { get_weather: { readOnlyHint: true } },
    });
    expect(value).toEqual({
      tools: [
        { name: 'get_weather', description: 'Weather', inputSchema: parameters, outputSchema: output, annotations: { readOnlyHint: true } },
        { name: '2fa-code', inputSchema: { type: 'object', properties: {} } },
      ],
    });
    expect(messages(changes, '2fa-code')).toMatch(/outputSchema must be an object schema/);
  });

  it('extras keyed __proto__ or toString do not find inherited values', () => {
    const tool: Tool = { type: 'function', function: { name: 'toString', parameters } };
    expect(exportTools([tool], 'mcp', { resultSchemas: {}, annotations: {} }).value).toEqual({ tools: [{ name: 'toString', inputSchema: parameters }] });
  });
});

describe('upperCaseTypes', () => {
  it('writes every type in schema places upper case, leaving data and property names alone', () => {
    const schema = {
      type: 'object',
      properties: { type: { type: 'string', enum: ['string'] }, list: { type: 'array', items: { type: 'number' } }, either: { anyOf: [{ type: 'boolean' }, { type: 'null' }] } },
      default: { type: 'string' },
    };
    expect(upperCaseTypes(schema)).toEqual({
      type: 'OBJECT',
      properties: { type: { type: 'STRING', enum: ['string'] }, list: { type: 'ARRAY', items: { type: 'NUMBER' } }, either: { anyOf: [{ type: 'BOOLEAN' }, { type: 'NULL' }] } },
      default: { type: 'string' },
    });
  });
});
