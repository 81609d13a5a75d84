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

/**
 * The finding "One request freezes the server: ReDoS" (Security, round two): a schema's `pattern` and
 * `patternProperties` come from whoever wrote the tools (a share link, for one), and a backtracking engine
 * takes exponential time on `^(.+)+Z$` (28 characters: seconds; 32: about a minute). The checks run them
 * in linear time; the 10 s timeouts are far above what that takes and far below what backtracking takes.
 */
describe('ReDoS: argument checks run user-supplied patterns in linear time', () => {
  const hostile: Tool = {
    type: 'function',
    function: { name: 'lookup_code', parameters: { type: 'object', properties: { code: { type: 'string', minLength: 28, pattern: '^(.+)+Z$' } }, required: ['code'] } },
  };

  it('ReDoS: checks ^(.+)+Z$ against a 32-character argument without backtracking', async () => {
    const check = await checkToolArguments([hostile], 'lookup_code', JSON.stringify({ code: 'a'.repeat(32) }));
    expect(check.problems).toEqual(['"code" must match pattern "^(.+)+Z$"']);
    expect((await checkToolArguments([hostile], 'lookup_code', JSON.stringify({ code: `${'a'.repeat(32)}Z` }))).ok).toBe(true);
  }, 10_000);

  it('ReDoS: checks property names against a catastrophic patternProperties without backtracking', async () => {
    const keyed: Tool = {
      type: 'function',
      function: { name: 'tags', parameters: { type: 'object', patternProperties: { '^(a|a)+$': { type: 'integer' } }, additionalProperties: false } },
    };
    const key = `${'a'.repeat(32)}!`;
    expect((await checkToolArguments([keyed], 'tags', JSON.stringify({ [key]: 1 }))).problems).toEqual([`Property "${key}" is not defined by the schema`]);
    expect((await checkToolArguments([keyed], 'tags', JSON.stringify({ aaaa: 'x' }))).problems).toEqual(['"aaaa" should be integer']);
  }, 10_000);

  it('ReDoS: does not run a test whose worst case is too long (^[ab]*a[ab]{999}$ on 5,000 characters), and says so', async () => {
    const wide: Tool = { type: 'function', function: { name: 'w', parameters: { type: 'object', properties: { s: { type: 'string', pattern: '^[ab]*a[ab]{999}$' } } } } };
    const check = await checkToolArguments([wide], 'w', JSON.stringify({ s: 'ab'.repeat(2_500) }));
    expect(check.summary).toBe(`${ARGUMENTS_OK}; the pattern "^[ab]*a[ab]{999}$" was not checked against a value of 5,000 characters, which would take this page too long`);
    expect((await checkToolArguments([wide], 'w', JSON.stringify({ s: 'ab'.repeat(50) }))).problems).toEqual(['"s" must match pattern "^[ab]*a[ab]{999}$"']);
  }, 10_000);

  it('ReDoS: says which pattern it did not check (lookahead, backreference) instead of running it', async () => {
    const password: Tool = {
      type: 'function',
      function: { name: 'sign_up', parameters: { type: 'object', properties: { password: { type: 'string', pattern: '^(?=.*\\d).{8,}$' }, pin: { type: 'integer' } } } },
    };
    const ok = await checkToolArguments([password], 'sign_up', '{"password": "no digits here"}');
    expect(ok.ok).toBe(true);
    expect(ok.summary).toBe(`${ARGUMENTS_OK}; the pattern "^(?=.*\\d).{8,}$" was not checked: it uses lookahead, which this playground's linear-time regular expressions (RE2) cannot run`);
    const bad = await checkToolArguments([password], 'sign_up', '{"password": "x", "pin": "1"}');
    expect(bad.problems).toEqual(['"pin" should be integer', 'The pattern "^(?=.*\\d).{8,}$" was not checked: it uses lookahead, which this playground\'s linear-time regular expressions (RE2) cannot run']);
  });
});
