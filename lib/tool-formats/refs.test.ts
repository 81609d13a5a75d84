import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '@/lib/wire/json-depth';
import { followRef, inlineRefs, MAX_INLINED_NODES } from './refs';

const messages = (changes: { message: string }[]) => changes.map((change) => change.message);

describe('inlineRefs: pointers', () => {
  it('resolves #/$defs, #/definitions and pointer escapes (~1, ~0, percent-encoding) in the schema itself', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { $ref: '#/$defs/a~1b' },
        b: { $ref: '#/$defs/t~0x' },
        c: { $ref: '#/definitions/with%20space' },
        d: { $ref: '#/$defs/list/items/0' },
      },
      $defs: { 'a/b': { type: 'string' }, 't~x': { type: 'integer' }, list: { items: [{ type: 'boolean' }] } },
      definitions: { 'with space': { type: 'number' } },
    };
    const { schema: out, changes } = inlineRefs(schema);
    expect(out).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'integer' }, c: { type: 'number' }, d: { type: 'boolean' } },
    });
    expect(changes).toEqual([
      { tool: null, path: '$defs', message: '$defs removed after inlining: nothing refers to it any more (a/b, t~x, list).' },
      { tool: null, path: 'definitions', message: 'definitions removed after inlining: nothing refers to it any more (with space).' },
    ]);
  });

  it('resolves against a given root (an OpenAPI document), prefixing paths and naming the tool', () => {
    const root = { components: { schemas: { Pet: { type: 'object', properties: { owner: { $ref: '#/components/schemas/Nope' } } } } } };
    const { schema, changes } = inlineRefs({ $ref: '#/components/schemas/Pet' }, { root, path: 'parameters', tool: 'getPet' });
    expect(schema).toEqual({ type: 'object', properties: { owner: {} } });
    expect(changes).toEqual([
      { tool: 'getPet', path: 'parameters.properties.owner', message: '$ref "#/components/schemas/Nope" points at nothing in the document: left out.' },
    ]);
  });

  it('removes $defs nothing refers to, and leaves a schema without $refs otherwise as it was', () => {
    const { schema, changes } = inlineRefs({ type: 'string', minLength: 1, $defs: { unused: { type: 'number' } } });
    expect(schema).toEqual({ type: 'string', minLength: 1 });
    expect(messages(changes)).toEqual(['$defs removed after inlining: nothing refers to it any more (unused).']);
    expect(inlineRefs({ type: 'integer', enum: [1, 2] })).toEqual({ schema: { type: 'integer', enum: [1, 2] }, changes: [] });
  });

  it('keeps a property named definitions or $ref: only keyword positions are read as such', () => {
    const schema = { type: 'object', properties: { definitions: { type: 'string' }, $ref: { type: 'string' } } };
    expect(inlineRefs(schema)).toEqual({ schema, changes: [] });
  });

  it('copies const, enum, default and examples as data, even when they look like a $ref', () => {
    const schema = { const: { $ref: '#/$defs/x' }, default: { $ref: 'http://example.com' }, $defs: {} };
    expect(inlineRefs(schema).schema).toEqual({ const: { $ref: '#/$defs/x' }, default: { $ref: 'http://example.com' } });
  });

  it('merges sibling keywords beside $ref (JSON Schema 2020-12, OpenAPI 3.1): annotations win, properties and required join', () => {
    const schema = {
      $defs: { Base: { type: 'object', description: 'A base', properties: { id: { type: 'integer' } }, required: ['id'] } },
      $ref: '#/$defs/Base',
      description: 'The thing',
      properties: { name: { type: 'string' } },
      required: ['name'],
    };
    expect(inlineRefs(schema).schema).toEqual({
      type: 'object',
      description: 'The thing',
      properties: { id: { type: 'integer' }, name: { type: 'string' } },
      required: ['id', 'name'],
    });
    const clash = inlineRefs({ $defs: { S: { type: 'string' } }, $ref: '#/$defs/S', type: 'integer' });
    expect(clash.schema).toEqual({ type: 'integer' });
    expect(messages(clash.changes)).toContain("type beside the $ref replaces the referenced schema's type.");
  });
});

describe('inlineRefs: cycles', () => {
  it('cuts a direct cycle where it recurs, keeping the type, and reports the path and the ref', () => {
    const schema = {
      $ref: '#/$defs/Node',
      $defs: { Node: { type: 'object', properties: { value: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } } } },
    };
    const { schema: out, changes } = inlineRefs(schema, { path: 'parameters', tool: 'saveTree' });
    expect(out).toEqual({
      type: 'object',
      properties: {
        value: { type: 'string' },
        children: { type: 'array', items: { type: 'object', description: 'Node again (recursive: cut here when the $refs were inlined).' } },
      },
    });
    expect(changes).toContainEqual({
      tool: 'saveTree',
      path: 'parameters.properties.children.items',
      message: '$ref "#/$defs/Node" recurs here: the cycle is cut (a schema without $refs cannot refer to itself).',
    });
  });

  it('cuts an indirect cycle (A → B → A) at the second A', () => {
    const schema = {
      $ref: '#/definitions/A',
      definitions: {
        A: { type: 'object', properties: { b: { $ref: '#/definitions/B' } } },
        B: { type: 'object', properties: { a: { $ref: '#/definitions/A' } } },
      },
    };
    const { schema: out, changes } = inlineRefs(schema);
    expect(out).toEqual({
      type: 'object',
      properties: { b: { type: 'object', properties: { a: { type: 'object', description: 'A again (recursive: cut here when the $refs were inlined).' } } } },
    });
    expect(changes.filter((change) => change.message.includes('recurs here'))).toEqual([
      { tool: null, path: 'properties.b.properties.a', message: '$ref "#/definitions/A" recurs here: the cycle is cut (a schema without $refs cannot refer to itself).' },
    ]);
  });

  it('cuts a reference to the whole schema (#) and a chain of $refs that loops with no schema between', () => {
    const whole = inlineRefs({ type: 'object', properties: { self: { $ref: '#' } } });
    expect(whole.schema).toEqual({
      type: 'object',
      properties: { self: { type: 'object', description: 'The whole schema again (recursive: cut here when the $refs were inlined).' } },
    });
    const loop = inlineRefs({ $ref: '#/$defs/a', $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } } });
    expect(loop.schema).toEqual({ description: 'a again (recursive: cut here when the $refs were inlined).' });
  });
});

describe('inlineRefs: what is not followed', () => {
  it('leaves out remote refs without fetching them, keeping their sibling keywords', () => {
    const schema = {
      type: 'object',
      properties: {
        pet: { $ref: 'https://example.com/schemas/pet.json#/Pet', description: 'The pet' },
        owner: { $ref: 'other.json#/definitions/Owner' },
        anchor: { $ref: '#owner' },
      },
    };
    const { schema: out, changes } = inlineRefs(schema);
    expect(out).toEqual({ type: 'object', properties: { pet: { description: 'The pet' }, owner: {}, anchor: {} } });
    expect(changes).toEqual([
      {
        tool: null,
        path: 'properties.pet',
        message: '$ref "https://example.com/schemas/pet.json#/Pet" is not in this document: not fetched, left out (the schema here accepts anything but its sibling keywords).',
      },
      {
        tool: null,
        path: 'properties.owner',
        message: '$ref "other.json#/definitions/Owner" is not in this document: not fetched, left out (the schema here accepts anything but its sibling keywords).',
      },
      { tool: null, path: 'properties.anchor', message: '$ref "#owner" is not a JSON pointer (e.g. an anchor name): left out.' },
    ]);
  });

  it('caps a shared-subschema explosion (3 uses per level, 20 levels: 3^20 copies) with a node budget, and says so once', () => {
    const $defs: Record<string, unknown> = { L20: { type: 'string' } };
    for (let level = 0; level < 20; level++) {
      const next = { $ref: `#/$defs/L${level + 1}` };
      $defs[`L${level}`] = { type: 'object', properties: { a: next, b: next, c: next } };
    }
    const { schema, changes } = inlineRefs({ $ref: '#/$defs/L0', $defs });
    const stopped = changes.filter((change) => change.message.startsWith('Inlining stopped'));
    expect(stopped).toHaveLength(1);
    expect(stopped[0].message).toContain(String(MAX_INLINED_NODES));
    // Each schema node is an object plus its properties map: the output is a small multiple of the budget.
    expect(JSON.stringify(schema).length).toBeLessThan(MAX_INLINED_NODES * 60);
  });

  it('keeps the output within MAX_JSON_DEPTH levels when a chain of $refs nests deeper', () => {
    const $defs: Record<string, unknown> = {};
    for (let level = 0; level < 100; level++) $defs[`D${level}`] = { type: 'object', properties: { next: { $ref: `#/$defs/D${level + 1}` } } };
    $defs.D100 = { type: 'string' };
    const { schema, changes } = inlineRefs({ $ref: '#/$defs/D0', $defs });
    expect(nestedDeeperThan(schema, MAX_JSON_DEPTH)).toBe(false);
    expect(messages(changes)).toContain(`Nested deeper than ${MAX_JSON_DEPTH} levels after inlining: cut here, left as {} (accepts anything).`);
  });

  it('reads input nested far deeper than the stack allows without overflowing', () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let level = 0; level < 100_000; level++) deep = { type: 'array', items: deep };
    const { schema } = inlineRefs(deep);
    expect(nestedDeeperThan(schema, MAX_JSON_DEPTH)).toBe(false);
  });
});

describe('inlineRefs: __proto__ stays data', () => {
  it('keeps a property named __proto__ and resolves a $def named __proto__', () => {
    const schema = JSON.parse('{"type":"object","properties":{"__proto__":{"$ref":"#/$defs/__proto__"}},"$defs":{"__proto__":{"type":"string"}}}');
    const { schema: out } = inlineRefs(schema);
    const properties = (out as { properties: Record<string, unknown> }).properties;
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(Object.hasOwn(properties, '__proto__')).toBe(true);
    expect(properties['__proto__']).toEqual({ type: 'string' });
  });

  it('does not resolve a pointer through inherited properties', () => {
    const { schema, changes } = inlineRefs({ properties: { x: { $ref: '#/constructor/prototype' } } });
    expect(schema).toEqual({ properties: { x: {} } });
    expect(messages(changes)).toEqual(['$ref "#/constructor/prototype" points at nothing in the document: left out.']);
  });
});

describe('followRef', () => {
  it('follows a chain of $ref objects and gives undefined when it leads nowhere or loops', () => {
    const root = { components: { parameters: { A: { $ref: '#/components/parameters/B' }, B: { name: 'b', in: 'query' }, L: { $ref: '#/components/parameters/L' } } } };
    expect(followRef(root, { $ref: '#/components/parameters/A' })).toEqual({ name: 'b', in: 'query' });
    expect(followRef(root, { $ref: '#/components/parameters/Z' })).toBeUndefined();
    expect(followRef(root, { $ref: '#/components/parameters/L' })).toBeUndefined();
    expect(followRef(root, { name: 'plain' })).toEqual({ name: 'plain' });
  });
});
