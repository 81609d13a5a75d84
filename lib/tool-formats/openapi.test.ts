import { describe, expect, it } from 'vitest';
import { toolSchema } from '@/lib/wire/chat';
import { LIMITS } from '@/lib/wire/chat-constants';
import openApi30 from './fixtures/openapi-3.0.json';
import expected30 from './fixtures/openapi-3.0.tools.json';
import openApi31 from './fixtures/openapi-3.1.json';
import expected31 from './fixtures/openapi-3.1.tools.json';
import { importOpenApi } from './openapi';
import type { FormatChange } from './types';

/** The document as JSON.parse gives it (a fresh copy, so no test sees another's). */
const parsed = (document: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(document));
const operation = (extra: Record<string, unknown>) => ({ responses: { '200': { description: 'ok' } }, ...extra });
const only = (paths: Record<string, unknown>, components: Record<string, unknown> = {}) => importOpenApi({ openapi: '3.1.0', paths, components });
const messages = (changes: FormatChange[]) => changes.map((change) => change.message);

describe('importOpenApi: the fixtures, to the tools written by hand', () => {
  it('imports OpenAPI 3.0: $refs to components, request bodies, path/query/header parameters, nullable, example, exclusiveMinimum', () => {
    const { tools, changes } = importOpenApi(parsed(openApi30));
    expect(tools).toEqual(expected30);
    for (const { tool } of tools) expect(toolSchema.safeParse(tool).success).toBe(true);
    expect(changes).toContainEqual({
      tool: 'saveTree',
      path: 'parameters.properties.children.items',
      message: '$ref "#/components/schemas/Node" recurs here: the cycle is cut (a schema without $refs cannot refer to itself).',
    });
    expect(changes).toContainEqual({ tool: 'create_pet', message: 'operationId "create pet" is not a function name (^[a-zA-Z0-9_-]{1,64}$): named create_pet.' });
    expect(changes).toContainEqual({ tool: 'deletePet', message: 'DELETE /pets/{petId} is deprecated: imported, with "Deprecated." in its description.' });
    expect(changes).toContainEqual({
      tool: 'updatePet',
      path: 'parameters.properties.body',
      message: "The body's petId share a name with parameters: the body is kept whole under body.",
    });
    expect(changes).toContainEqual({ tool: 'create_pet', path: 'parameters.properties.tag.nullable', message: 'nullable: true written as type ["string","null"].' });
    expect(changes).toContainEqual({ tool: 'listPets', path: 'parameters.properties.limit.example', message: 'example written as examples (the JSON Schema keyword).' });
    expect(changes).toContainEqual({
      tool: 'create_pet',
      path: 'parameters.properties.age.exclusiveMinimum',
      message: 'exclusiveMinimum: true with minimum 0 written as exclusiveMinimum: 0.',
    });
    expect(changes).toContainEqual({ tool: 'saveTree', path: 'parameters.xml', message: 'xml dropped: an OpenAPI keyword JSON Schema has not.' });
  });

  it('imports OpenAPI 3.1: type arrays, const and $defs kept or inlined, sibling keywords beside $ref, a +json response, cookies', () => {
    const { tools, changes } = importOpenApi(parsed(openApi31));
    expect(tools).toEqual(expected31);
    for (const { tool } of tools) expect(toolSchema.safeParse(tool).success).toBe(true);
    expect(changes).toContainEqual({
      tool: 'putOutline',
      path: 'parameters.properties.root.properties.sections.items',
      message: '$ref "#/components/schemas/Outline/$defs/Section" recurs here: the cycle is cut (a schema without $refs cannot refer to itself).',
    });
    expect(changes).toContainEqual({ tool: 'putOutline', path: 'parameters.$defs', message: '$defs removed after inlining: nothing refers to it any more (Section).' });
    expect(changes).toContainEqual({ tool: 'upload', message: 'The request body has no JSON media type (multipart/form-data): not imported.' });
  });
});

describe('importOpenApi: OpenAPI 3.0 schema forms as JSON Schema', () => {
  it('writes nullable into the type and enum, as a null branch of anyOf/oneOf, or around a single allOf', () => {
    const Pet = { type: 'object', properties: { name: { type: 'string' } } };
    const body = {
      type: 'object',
      properties: {
        size: { type: 'string', enum: ['s', 'm'], nullable: true },
        owner: { nullable: true, allOf: [{ $ref: '#/components/schemas/Pet' }] },
        either: { nullable: true, oneOf: [{ type: 'string' }, { type: 'integer' }] },
        untyped: { nullable: true, description: 'Anything' },
        ceiling: { type: 'number', maximum: 5, exclusiveMaximum: false },
      },
    };
    const { tools } = importOpenApi({
      openapi: '3.0.3',
      paths: { '/p': { post: operation({ requestBody: { required: true, content: { 'application/json': { schema: body } } } }) } },
      components: { schemas: { Pet } },
    });
    expect(tools[0].tool.function.parameters).toEqual({
      type: 'object',
      properties: {
        size: { type: ['string', 'null'], enum: ['s', 'm', null] },
        owner: { anyOf: [Pet, { type: 'null' }] },
        either: { oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] },
        untyped: { description: 'Anything' },
        ceiling: { type: 'number', maximum: 5 },
      },
    });
  });
});

describe('importOpenApi: hostile or unusual documents never throw', () => {
  it('says so when there are no paths, or no operations, or the document is Swagger 2.0', () => {
    expect(importOpenApi({ openapi: '3.0.0', info: {} })).toEqual({
      tools: [],
      changes: [{ tool: null, message: 'The document has no "paths" object: there are no operations to import.' }],
    });
    expect(importOpenApi({ openapi: '3.0.0', paths: { '/x': { summary: 'nothing' } } }).changes).toEqual([
      { tool: null, message: 'The document has no operations under "paths": no tools imported.' },
    ]);
    const swagger = importOpenApi({ swagger: '2.0', paths: { '/x': { get: {} } } });
    expect(swagger.tools).toEqual([]);
    expect(messages(swagger.changes)[0]).toMatch(/^This is a Swagger 2\.0 document/);
  });

  it('skips what is not an operation, a parameter or a path item, reporting each', () => {
    const { tools, changes } = importOpenApi({
      paths: { '/a': 'nope', '/b': { get: 42, post: operation({ parameters: [null, { name: 'q', in: 'body' }, { $ref: '#/nowhere' }] }) } },
    });
    expect(tools.map(({ tool }) => tool.function.name)).toEqual(['post_b']);
    expect(tools[0].tool.function.parameters).toEqual({ type: 'object', properties: {} });
    expect(messages(changes)).toEqual([
      'No "openapi" version: read as OpenAPI 3.1.',
      'paths["/a"] is not a Path Item Object (or its $ref leads nowhere): skipped.',
      'GET /b is not an Operation Object: skipped.',
      ...[1, 2, 3].map((n) => `The operation's parameter ${n} is not a parameter with a name and a location (path, query, header, cookie), or its $ref leads nowhere: skipped.`),
    ]);
  });

  it(`keeps at most ${LIMITS.maxTools} tools and reports the rest`, () => {
    const paths = Object.fromEntries(Array.from({ length: LIMITS.maxTools + 5 }, (_, i) => [`/r${i}`, { get: operation({}) }]));
    const { tools, changes } = only(paths);
    expect(tools).toHaveLength(LIMITS.maxTools);
    expect(changes).toEqual([{ tool: null, message: `5 more operations left out: at most ${LIMITS.maxTools} tools are sent with a request.` }]);
  });

  it('makes names valid and unique: operationIds mapped, long ones cut, duplicates numbered', () => {
    const long = 'x'.repeat(80);
    const { tools, changes } = only({
      '/a': { get: operation({ operationId: 'same' }), post: operation({ operationId: 'same' }) },
      '/b/{id}.json': { get: operation({ operationId: long }), put: operation({ operationId: '¿¡' }) },
    });
    expect(tools.map(({ tool }) => tool.function.name)).toEqual(['same', 'same_2', 'x'.repeat(64), 'put_b_id_json']);
    expect(messages(changes)).toContain('Another operation is already named same: this one is same_2.');
    expect(messages(changes)).toContain('operationId "¿¡" is not a function name (^[a-zA-Z0-9_-]{1,64}$): named put_b_id_json.');
  });

  it('merges path-level parameters with the operation’s (the operation wins by name and location) and prefixes clashing names', () => {
    const { tools, changes } = only({
      '/items/{id}': {
        parameters: [
          { name: 'id', in: 'path', schema: { type: 'integer' } },
          { name: 'id', in: 'query', schema: { type: 'string' }, description: 'Path-level' },
        ],
        get: operation({ parameters: [{ name: 'id', in: 'query', required: true, schema: { type: 'boolean' } }, { name: 'body', in: 'header', schema: { type: 'string' } }], requestBody: { content: { 'application/json': { schema: { type: 'array' } } } } }),
      },
    });
    expect(tools[0].tool.function.parameters).toEqual({
      type: 'object',
      properties: { id: { type: 'integer' }, query_id: { type: 'boolean' }, body: { type: 'string' }, request_body: { type: 'array' } },
      required: ['id', 'query_id'],
    });
    expect(messages(changes)).toEqual([
      'The query parameter "id" shares its name with another parameter: named query_id.',
      'A parameter is named "body": the request body is named request_body.',
    ]);
  });

  it('puts an optional body with required properties under body, and adds an undeclared path variable', () => {
    const body = { content: { 'application/json': { schema: { type: 'object', required: ['a'], properties: { a: { type: 'string' } } } } } };
    const { tools, changes } = only({ '/x/{slug}': { post: operation({ requestBody: body }) } });
    expect(tools[0].tool.function.parameters).toEqual({
      type: 'object',
      properties: { slug: { type: 'string' }, body: { type: 'object', required: ['a'], properties: { a: { type: 'string' } } } },
      required: ['slug'],
    });
    expect(messages(changes)).toEqual(['The path\'s {slug} has no parameter declared: added as a required string.']);
  });

  it('keeps __proto__ as a parameter name and as a body property, as data', () => {
    const document = JSON.parse(
      '{"openapi":"3.1.0","paths":{"/p":{"post":{"parameters":[{"name":"__proto__","in":"query","schema":{"type":"string"}}],"requestBody":{"required":true,"content":{"application/json":{"schema":{"type":"object","properties":{"__proto__":{"type":"number"}}}}}}}}}}',
    );
    const parameters = importOpenApi(document).tools[0].tool.function.parameters as { properties: Record<string, unknown> };
    expect(Object.getPrototypeOf(parameters.properties)).toBe(Object.prototype);
    expect(Object.hasOwn(parameters.properties, '__proto__')).toBe(true);
    expect(parameters.properties.body).toEqual({ type: 'object', properties: JSON.parse('{"__proto__":{"type":"number"}}') });
  });

  it('bounds the work of a document whose schemas explode, across all its operations, and keeps every tool valid', () => {
    const schemas: Record<string, unknown> = { L24: { type: 'string' } };
    for (let level = 0; level < 24; level++) {
      const next = { $ref: `#/components/schemas/L${level + 1}` };
      schemas[`L${level}`] = { type: 'object', properties: { a: next, b: next, c: next, d: next } };
    }
    const paths = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`/e${i}`, { post: operation({ requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/L0' } } } } }) }]));
    const { tools, changes } = only(paths, { schemas });
    expect(tools).toHaveLength(20);
    for (const { tool } of tools) expect(toolSchema.safeParse(tool).success).toBe(true);
    expect(changes.filter((change) => change.message.startsWith('Inlining stopped'))).toHaveLength(1);
  });

  it('cuts a description past what the wire format takes', () => {
    const { tools, changes } = only({ '/d': { get: operation({ summary: 'S', description: 'd'.repeat(20_000) }) } });
    expect(tools[0].tool.function.description).toHaveLength(10_000);
    expect(messages(changes)).toEqual(['Description cut to 10000 characters (it had 20003).']);
  });
});
