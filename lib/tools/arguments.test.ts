import { describe, expect, it } from 'vitest';
import type { Tool } from '@/lib/wire/chat';
import { WEATHER_TOOL } from '../../e2e/upstream/fixtures.mjs';
import { ARGUMENTS_OK, checkToolArguments, checkToolArgumentsIfLoaded } from './arguments';

/** The guide's tool with `location` required, as the test upstream's fixtures have it. */
const weather = WEATHER_TOOL as Tool;
const closed: Tool = {
  type: 'function',
  function: {
    name: 'send_email',
    parameters: {
      type: 'object',
      properties: { to: { type: 'string', format: 'email' }, address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
      required: ['to'],
      additionalProperties: false,
    },
  },
};
const tools = [weather, closed];

describe('checkToolArguments', () => {
  it('accepts arguments that match', async () => {
    const check = await checkToolArguments(tools, 'get_current_weather', '{"location": "Chicago, IL", "unit": "celsius"}');
    expect(check).toMatchObject({ ok: true, summary: ARGUMENTS_OK, problems: [] });
    expect(check.parsed).toEqual({ location: 'Chicago, IL', unit: 'celsius' });
  });

  it('says when the arguments are not JSON', async () => {
    const check = await checkToolArguments(tools, 'get_current_weather', '{"location": "Chic');
    expect(check.ok).toBe(false);
    expect(check.summary).toMatch(/^Arguments are not valid JSON/);
  });

  it('names an unknown function and the known ones', async () => {
    expect((await checkToolArguments(tools, 'get_weather', '{}')).summary).toBe(
      'Unknown function "get_weather": the tools are "get_current_weather", "send_email"',
    );
    expect((await checkToolArguments([], 'x', '{}')).summary).toBe('Unknown function "x": there are no tools');
  });

  it('names missing required properties, wrong types, enums and undefined properties', async () => {
    expect((await checkToolArguments(tools, 'get_current_weather', '{"unit": 3, "foo": 1}')).problems).toEqual([
      'Missing required "location"',
      '"unit" should be string',
      '"unit" should be one of "celsius", "fahrenheit"',
      'Property "foo" is not defined by the schema',
    ]);
    expect((await checkToolArguments(tools, 'send_email', '{"to": "a@b.c", "cc": "x", "address": {}}')).problems).toEqual([
      'Property "cc" is not defined by the schema',
      'Missing required "city" in "address"',
    ]);
    expect((await checkToolArguments(tools, 'send_email', '{"to": "a@b.c", "address": {"city": "X", "zip": 1}}')).problems).toEqual([
      'Property "zip" in "address" is not defined by the schema',
    ]);
  });

  it('says when the arguments are not an object', async () => {
    expect((await checkToolArguments(tools, 'get_current_weather', '[1]')).problems).toContain('The arguments should be object');
  });

  it('treats empty arguments as {}, and a tool without parameters as taking none', async () => {
    const noParams: Tool = { type: 'function', function: { name: 'ping' } };
    expect((await checkToolArguments([noParams], 'ping', '')).ok).toBe(true);
    expect((await checkToolArguments([noParams], 'ping', '{"x": 1}')).summary).toBe('Property "x" is not defined by the schema');
  });

  it('says when the schema itself cannot be compiled', async () => {
    const broken: Tool = { type: 'function', function: { name: 'b', parameters: { type: 'object', properties: { a: { $ref: '#/nowhere' } } } } };
    expect((await checkToolArguments([broken], 'b', '{}')).summary).toMatch(/not a valid JSON Schema/);
  });

  it('once loaded, checks synchronously with the same result', async () => {
    const check = await checkToolArguments(tools, 'get_current_weather', '{"unit": "kelvin"}');
    expect(check.ok).toBe(false);
    expect(checkToolArgumentsIfLoaded(tools, 'get_current_weather', '{"unit": "kelvin"}')).toEqual(check);
  });
});
