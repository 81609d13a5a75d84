import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { LIMITS } from '@/lib/wire/chat-constants';
import { MAX_JSON_DEPTH } from '@/lib/wire/json-depth';
import { inferSchema } from './example';
import { importTools } from './import';
import { parseToolsInput } from './parse-input';
import type { ImportResult } from './types';

const weather = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

function imported(value: unknown, format?: Parameters<typeof importTools>[1]): ImportResult {
  const result = importTools(value, format);
  if ('error' in result) throw new Error(result.error);
  return result;
}

function messages(result: ImportResult, tool: string | null): string {
  return result.changes.filter((change) => change.tool === tool).map((change) => change.message).join('\n');
}

describe('importTools: OpenAI', () => {
  const tool = { type: 'function', function: { name: 'get_weather', description: 'Weather now', parameters: weather, strict: true } };

  it.each([
    ['a list of tools', [tool]],
    ['one tool', tool],
    ['{ tools }', { tools: [tool] }],
    ['a bare function', { name: 'get_weather', description: 'Weather now', parameters: weather, strict: true }],
    ['a Responses API tool', { type: 'function', name: 'get_weather', description: 'Weather now', parameters: weather, strict: true }],
    ['{ functions }', { functions: [{ name: 'get_weather', description: 'Weather now', parameters: weather, strict: true }] }],
  ])('reads %s', (_, value) => {
    const result = imported(value);
    expect(result.format).toBe('openai');
    expect(result.tools).toEqual([{ tool }]);
    expect(result.changes).toEqual([]);
  });

  it('skips tools that are not functions, saying which', () => {
    const result = imported([tool, { type: 'web_search' }, 'text']);
    expect(result.tools).toHaveLength(1);
    expect(messages(result, null)).toMatch(/tools\[1\] is a "web_search" tool.*skipped[\s\S]*tools\[2\] is a string/);
  });

  it('an empty list is OpenAI with no tools, said so', () => {
    expect(messages(imported([]), null)).toMatch(/No tools found/);
  });
});

describe('importTools: MCP', () => {
  const listed = {
    name: 'github.search/issues',
    title: 'Search issues',
    inputSchema: { type: 'object', properties: { q: { type: 'string' } } },
    outputSchema: { type: 'object', properties: { total: { type: 'integer' } } },
    annotations: { readOnlyHint: true },
  };

  it.each([
    ['a tools/list result', { tools: [listed] }],
    ['the JSON-RPC response', { jsonrpc: '2.0', id: 1, result: { tools: [listed] } }],
    ['a bare list', [listed]],
  ])('reads %s: names mapped, title as description, outputSchema and annotations kept', (_, value) => {
    const result = imported(value);
    expect(result.format).toBe('mcp');
    expect(result.tools).toEqual([
      {
        tool: { type: 'function', function: { name: 'github_search_issues', description: 'Search issues', parameters: listed.inputSchema } },
        resultSchema: listed.outputSchema,
        annotations: { readOnlyHint: true },
      },
    ]);
    expect(messages(result, 'github_search_issues')).toMatch(/Renamed from "github\.search\/issues"[\s\S]*title is used/);
  });

  it('inlines $defs the way pydantic writes them', () => {
    const inputSchema = { type: 'object', properties: { point: { $ref: '#/$defs/Point' } }, $defs: { Point: { type: 'object', properties: { x: { type: 'number' } } } } };
    const result = imported({ tools: [{ name: 'plot', inputSchema }] });
    expect(JSON.stringify(result.tools[0].tool.function.parameters)).not.toContain('$ref');
  });

  it('a JSON-RPC error is an error', () => {
    expect(importTools({ jsonrpc: '2.0', id: 1, error: { code: -32601, message: 'no' } })).toEqual({ error: expect.stringMatching(/JSON-RPC response is an error/) });
  });
});

describe('importTools: Anthropic', () => {
  it('reads input_schema and skips server tools, saying so', () => {
    const result = imported({ tools: [{ name: 'get_weather', description: 'Weather', input_schema: weather, cache_control: { type: 'ephemeral' } }, { type: 'web_search_20250305', name: 'web_search' }] });
    expect(result.format).toBe('anthropic');
    expect(result.tools).toEqual([{ tool: { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: weather } } }]);
    expect(messages(result, null)).toMatch(/"web_search_20250305".*skipped/);
    expect(messages(result, 'get_weather')).toMatch(/cache_control dropped/);
  });
});

describe('importTools: Gemini', () => {
  const declaration = {
    name: 'find_flights',
    description: 'Flights',
    parameters: {
      type: 'OBJECT',
      properties: {
        from: { type: 'String', format: 'date', example: '2025-01-01', nullable: true },
        stops: { type: 'INTEGER', enum: ['0', '1'], nullable: true },
        legs: { type: 'ARRAY', items: { type: 'object', properties: { id: { type: 'STRING' } } } },
      },
      propertyOrdering: ['from', 'stops', 'legs'],
      required: ['from'],
    },
  };
  const expected = {
    type: 'object',
    properties: {
      from: { type: ['string', 'null'], format: 'date', examples: ['2025-01-01'] },
      stops: { type: ['integer', 'null'], enum: ['0', '1', null] },
      legs: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } },
    },
    required: ['from'],
  };

  it.each([
    ['{ functionDeclarations }', { functionDeclarations: [declaration] }],
    ['a list of tools', [{ functionDeclarations: [declaration] }]],
    ['a request { tools }', { tools: [{ functionDeclarations: [declaration] }, { googleSearch: {} }] }],
  ])('reads %s: types lowercased, nullable, example and propertyOrdering converted and reported', (_, value) => {
    const result = imported(value);
    expect(result.format).toBe('gemini');
    expect(result.tools[0].tool.function.parameters).toEqual(expected);
    const report = messages(result, 'find_flights');
    expect(report).toMatch(/propertyOrdering dropped/);
    expect(report).toMatch(/example written as examples/);
    expect(report).toMatch(/nullable: true written as type \["string","null"\]/);
  });

  it('takes parametersJsonSchema as it is, and a declaration without parameters as a no-argument function', () => {
    const result = imported({ functionDeclarations: [{ name: 'now' }, { name: 'add', parametersJsonSchema: { type: 'object', properties: { a: { type: 'number' } } } }] });
    expect(result.tools.map((t) => t.tool.function)).toEqual([{ name: 'now' }, { name: 'add', parameters: { type: 'object', properties: { a: { type: 'number' } } } }]);
  });
});

describe('importTools: BFCL', () => {
  const fn = { name: 'spotify.play', description: 'Play', parameters: { type: 'dict', properties: { volume: { type: 'float', optional: true } }, required: [] } };

  it.each([
    ['a function list', [fn]],
    ['a question line', { id: 'simple_0', question: [[{ role: 'user', content: 'play' }]], function: [fn] }],
  ])('reads %s with the dialect converted and reported', (_, value) => {
    const result = imported(value);
    expect(result.format).toBe('bfcl');
    expect(result.tools[0].tool.function).toEqual({ name: 'spotify_play', description: 'Play', parameters: { type: 'object', properties: { volume: { type: 'number' } }, required: [] } });
    expect(messages(result, 'spotify_play')).toMatch(/dict → object, float → number, optional dropped/);
  });
});

describe('importTools: OpenAPI', () => {
  it('dispatches a 3.x document', () => {
    expect(imported({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} }).format).toBe('openapi');
  });

  it('imports the OpenAPI fixture, as JSON and as YAML', () => {
    const document = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/openapi-3.1.json'), 'utf8')) as unknown;
    const fromJson = imported(document);
    expect(fromJson.format).toBe('openapi');
    expect(fromJson.tools.length).toBeGreaterThan(0);
    const parsed = parseToolsInput(stringify(document));
    expect('value' in parsed && imported(parsed.value)).toEqual(fromJson);
  });

  it('a Swagger 2.0 document says to convert it', () => {
    expect(importTools({ swagger: '2.0', paths: {} })).toEqual({ error: expect.stringMatching(/Swagger 2\.0.*convert it to OpenAPI 3\.x/) });
  });
});

describe('importTools: an example', () => {
  it('infers a schema from any other object, reported', () => {
    const result = imported({ city: 'Paris', when: '2025-06-01', guests: [{ name: 'Ann', age: 3 }, { name: 'Bo' }] });
    expect(result.format).toBe('example');
    expect(result.tools[0].tool.function.name).toBe('example_tool');
    expect(result.tools[0].tool.function.parameters).toEqual({
      type: 'object',
      properties: {
        city: { type: 'string' },
        when: { type: 'string', format: 'date' },
        guests: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name'] } },
      },
      required: ['city', 'when', 'guests'],
    });
    expect(messages(result, 'example_tool')).toMatch(/inferred from the example/);
  });

  it('infers even from a tools shape when example is chosen', () => {
    const result = imported({ name: 'x', parameters: {} }, 'example');
    expect(result.tools[0].tool.function.parameters).toMatchObject({ properties: { name: { type: 'string' }, parameters: { type: 'object' } } });
  });
});

describe('importTools: hostile input', () => {
  it('keeps __proto__ keys as data', () => {
    const value = JSON.parse('{"tools":[{"name":"__proto__","inputSchema":{"type":"object","properties":{"__proto__":{"type":"string"}}}}]}') as unknown;
    const result = imported(value);
    const parameters = result.tools[0].tool.function.parameters as { properties: Record<string, unknown> };
    expect(result.tools[0].tool.function.name).toBe('__proto__');
    expect(Object.keys(parameters.properties)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it('rejects input nested too deep, and skips one tool whose schema is', () => {
    let deep: unknown = {};
    for (let i = 0; i < 1000; i++) deep = { a: deep };
    expect(importTools(deep)).toEqual({ error: expect.stringMatching(/nested deeper than/) });
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < MAX_JSON_DEPTH / 2; i++) schema = { type: 'object', properties: { a: schema } };
    const result = imported([{ name: 'deep', parameters: schema }, { name: 'ok' }]);
    expect(result.tools.map((t) => t.tool.function.name)).toEqual(['ok']);
    expect(messages(result, 'deep')).toMatch(/nested deeper than 64 levels: the tool is not imported/);
  });

  it(`keeps at most ${LIMITS.maxTools} tools and says how many were cut`, () => {
    const result = imported(Array.from({ length: LIMITS.maxTools + 5 }, (_, i) => ({ name: `f${i}` })));
    expect(result.tools).toHaveLength(LIMITS.maxTools);
    expect(messages(result, null)).toMatch(/5 more tools left out/);
  });

  it('bounds the work of $refs that expand exponentially, over the whole import', () => {
    const $defs: Record<string, unknown> = { A20: { type: 'string' } };
    for (let i = 0; i < 20; i++) $defs[`A${i}`] = { type: 'object', properties: { a: { $ref: `#/$defs/A${i + 1}` }, b: { $ref: `#/$defs/A${i + 1}` } } };
    const inputSchema = { type: 'object', properties: { root: { $ref: '#/$defs/A0' } }, $defs };
    const result = imported({ tools: Array.from({ length: 20 }, (_, i) => ({ name: `t${i}`, inputSchema })) });
    expect(result.tools).toHaveLength(20);
    expect(result.changes.filter((change) => /Inlining stopped/.test(change.message))).toHaveLength(1);
  });

  it('lists at most 500 changes', () => {
    const result = imported([{ name: 'ok' }, ...Array.from({ length: 1000 }, () => 1)]);
    expect(result.changes).toHaveLength(501);
    expect(result.changes[500].message).toMatch(/500 more changes not listed/);
  });

  it('numbers names two tools share, and maps invalid ones', () => {
    const result = imported([{ name: 'a' }, { name: 'a' }, { name: 'a b' }, { name: 'x'.repeat(80) }]);
    expect(result.tools.map((t) => t.tool.function.name)).toEqual(['a', 'a_2', 'a_b', 'x'.repeat(64)]);
    expect(messages(result, 'a_2')).toMatch(/another tool has that name/);
  });

  it('skips a tool whose schema is not an object schema, with a message per tool', () => {
    const result = imported([{ name: 'list', parameters: [] }, { name: 'text', parameters: { type: 'string' } }, { name: 'bare', parameters: { properties: {} } }]);
    expect(result.tools.map((t) => t.tool.function)).toEqual([{ name: 'bare', parameters: { type: 'object', properties: {} } }]);
    expect(messages(result, 'list')).toMatch(/parameters are a list, not a JSON Schema object/);
    expect(messages(result, 'text')).toMatch(/type "string"/);
    expect(messages(result, 'bare')).toMatch(/type "object" added/);
  });

  it('drops fields of the wrong type, reported', () => {
    const result = imported({ tools: [{ name: 'f', description: 5, inputSchema: { type: 'object' }, outputSchema: 'x', annotations: [] }] });
    expect(result.tools[0]).toEqual({ tool: { type: 'function', function: { name: 'f', parameters: { type: 'object' } } } });
    expect(messages(result, 'f')).toMatch(/description is a number[\s\S]*result schema is a string[\s\S]*annotations is a list/);
  });

  it.each([
    ['a string', 'tools'],
    ['null', null],
    ['a number', 3],
  ])('rejects %s as a whole', (_, value) => {
    expect(importTools(value)).toEqual({ error: expect.stringMatching(/JSON object or list/) });
  });

  it('rejects a list of things that are no tools, and a tools field that is no list', () => {
    expect(importTools([1, 2])).toEqual({ error: expect.stringMatching(/not of tools in a known format/) });
    expect(importTools({ tools: 'x' })).toEqual({ error: expect.stringMatching(/"tools" is a string/) });
  });

  it('reports the fields a format has no place for', () => {
    const result = imported([{ name: 'a', input_schema: { type: 'object' } }], 'openai');
    expect(messages(result, 'a')).toMatch(/Not imported: input_schema/);
    expect(messages(imported({ tools: [{ name: 'b', title: 'B', description: 'd', inputSchema: { type: 'object' }, _meta: {} }] }), 'b')).toMatch(/^Not imported: title/);
  });

  it('a format forced on the wrong shape is an error', () => {
    expect(importTools({ a: 1 }, 'gemini')).toEqual({ error: expect.stringMatching(/Not Gemini tools/) });
    expect(importTools({ a: 1 }, 'mcp')).toEqual({ error: expect.stringMatching(/Not an MCP tools\/list result/) });
  });
});

describe('inferSchema', () => {
  it('detects string formats and merges mixed lists into one branch per type', () => {
    expect(inferSchema({ at: '2025-06-01T10:00:00Z', mail: 'a@b.co', site: 'https://x.org/a', id: '123e4567-e89b-12d3-a456-426614174000' })).toMatchObject({
      properties: { at: { format: 'date-time' }, mail: { format: 'email' }, site: { format: 'uri' }, id: { format: 'uuid' } },
    });
    const mixed = Array.from({ length: 2000 }, (_, i) => (i % 2 ? `s${i}` : { [`k${i}`]: i }));
    expect(inferSchema(mixed)).toEqual({ type: 'array', items: { anyOf: [{ type: 'object', properties: expect.any(Object) }, { type: 'string' }] } });
    expect(inferSchema([1, 2.5, null])).toEqual({ type: 'array', items: { anyOf: [{ type: 'number' }, { type: 'null' }] } });
    expect(inferSchema([])).toEqual({ type: 'array' });
  });
});
