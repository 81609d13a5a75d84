import { describe, expect, it } from 'vitest';
import { firstError, lintTools, lintToolsIfLoaded, SCHEMA_CHECKS_OFF } from './lint';
import { TOOLS_JSON_SCHEMA } from './tools-json-schema';
import Ajv from 'ajv';
import { WEATHER_TOOL } from '@/lib/scenario/base';

/** The guide's tool, as a fresh playground opens with it. */
const weather = WEATHER_TOOL;

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

describe('lintTools', () => {
  it('accepts the guide example and returns the tools', async () => {
    const lint = await lintTools(pretty([weather]));
    expect(lint.problems).toEqual([]);
    expect(lint.tools).toEqual([weather]);
    expect((await lintTools('[]')).tools).toEqual([]);
  });

  it('reports JSON syntax with its line and column', async () => {
    const lint = await lintTools('[\n  {"type": "function",}\n]');
    expect(lint.tools).toBeNull();
    expect(lint.problems).toHaveLength(1);
    expect(lint.problems[0]).toMatchObject({ severity: 'error', startLineNumber: 2, startColumn: 23 });
    expect(lint.problems[0].message).toMatch(/^JSON syntax, line 2, column 23: .*trailing commas/);
  });

  it('says what is wrong with the shape, at the offending value', async () => {
    const text = pretty([{ type: 'function', function: { name: 'get weather' } }, { type: 'tool', function: { name: 'ok' } }, 3]);
    const lint = await lintTools(text);
    expect(lint.problems.map((p) => p.message)).toEqual([
      'Tool 1: name "get weather" must match ^[a-zA-Z0-9_-]{1,64}$.',
      'Tool 2: "type" must be "function".',
      'Tool 3: should be an object like {"type": "function", "function": {"name": …}}.',
    ]);
    const nameProblem = lint.problems[0];
    const line = text.split('\n')[nameProblem.startLineNumber - 1];
    expect(line.slice(nameProblem.startColumn - 1, nameProblem.endColumn - 1)).toBe('"get weather"');
    expect(firstError(lint)).toBe(lint.problems[0].message);
  });

  it('finds missing parts and a lone tool that needs wrapping', async () => {
    expect((await lintTools('[{"function": {"description": "x"}}]')).problems.map((p) => p.message)).toEqual([
      'Tool 1: "type" is missing: add "type": "function".',
      'Tool 1: "function.name" is missing.',
    ]);
    expect((await lintTools(pretty(weather))).problems[0].message).toMatch(/must be a JSON array.*wrap this tool in \[ \]/);
    expect((await lintTools('  ')).problems[0].message).toMatch(/empty/);
  });

  it('reports duplicate names', async () => {
    const lint = await lintTools(pretty([weather, weather]));
    expect(lint.problems.map((p) => p.message)).toEqual(['Tool 2: name "get_current_weather" is already used by tool 1.']);
    expect(lint.tools).toBeNull();
  });

  it('reports parameters that are not a JSON Schema, where they go wrong', async () => {
    const bad = { ...weather, function: { ...weather.function, parameters: { type: 'object', properties: { unit: { type: 'strin' } }, required: 'unit' } } };
    const text = pretty([bad]);
    const lint = await lintTools(text);
    expect(lint.tools).toBeNull();
    const messages = lint.problems.map((p) => p.message);
    expect(messages.some((m) => m.includes('at "properties.unit.type"'))).toBe(true);
    // Ajv's "at \"required\" must be array" gives way to the provider rule that says the same with a quick fix.
    const required = lint.problems.find((p) => p.rule === 'json-schema/required-array');
    expect(required?.fix?.id).toBe('drop-undefined-required');
    expect(messages.some((m) => m.includes('at "required" must be array'))).toBe(false);
    const typeProblem = lint.problems.find((p) => p.message.includes('properties.unit.type'))!;
    expect(text.split('\n')[typeProblem.startLineNumber - 1]).toContain('"strin"');
    expect((await lintTools(pretty([{ type: 'function', function: { name: 'f', parameters: [] } }]))).problems[0].message).toMatch(/must be a JSON Schema object/);
  });

  it('reports a schema that does not compile, and warns about typos and non-object schemas', async () => {
    const ref = { type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { a: { $ref: '#/definitions/missing' } } } } };
    expect((await lintTools(pretty([ref]))).problems[0].message).toMatch(/does not compile/);
    const typo = { type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { a: { type: 'string', descripton: 'x' } } } } };
    const lint = await lintTools(pretty([typo]));
    expect(lint.tools).not.toBeNull();
    expect(lint.problems).toMatchObject([{ severity: 'warning', message: 'Tool 1 (f): parameters has an unknown keyword "descripton" (a typo?), which validators ignore.' }]);
    const string = await lintTools(pretty([{ type: 'function', function: { name: 'f', parameters: { type: 'string' } } }]));
    expect(string.problems[0]).toMatchObject({ severity: 'warning' });
    expect(string.problems[0].message).toMatch(/"type": "object"/);
  });

  it('warns about fields that are not sent', async () => {
    const lint = await lintTools(pretty([{ type: 'function', extra: 1, function: { name: 'f', params: {} } }]));
    expect(lint.problems.map((p) => [p.severity, p.message])).toEqual([
      ['warning', 'Tool 1: "extra" is not part of a tool and is not sent.'],
      ['warning', 'Tool 1: "function.params" is not a function field and is not sent.'],
    ]);
    expect(lint.tools).not.toBeNull();
  });

  it("catches what the server's schema refuses", async () => {
    const long = { type: 'function', function: { name: 'f', description: 'x'.repeat(10_001) } };
    expect((await lintTools(pretty([long]))).problems[0].message).toMatch(/^Tool 1 \(f\): function.description:/);
  });

  it('once loaded, lints synchronously with the same result', async () => {
    const text = pretty([weather, { type: 'function', function: { name: 'f', parameters: { type: 'object', required: 'x' } } }]);
    const lint = await lintTools(text);
    expect(lint.errorCount).toBe(1);
    expect(lintToolsIfLoaded(text)).toEqual(lint);
  });

  it('the Monaco schema is itself valid and accepts the example', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(TOOLS_JSON_SCHEMA);
    expect(validate([weather])).toBe(true);
    expect(validate([{ type: 'function', function: { name: 'bad name' } }])).toBe(false);
  });
});

describe('under a Content-Security-Policy without unsafe-eval', () => {
  it('skips the schema checks with a warning instead of failing', async () => {
    // As the page has by then: Ajv loaded, and the default tools linted once. That first lint also lets
    // zod compile its parsers (with `new Function`, as it may while eval is allowed); blocked before it,
    // zod itself would throw here, which a real CSP prevents by making zod see from the start that it
    // cannot compile.
    await lintTools(pretty([weather]));
    const original = globalThis.Function;
    const blocked = function () {
      throw new EvalError("Evaluating a string as JavaScript violates the following Content Security Policy directive because 'unsafe-eval' is not an allowed source");
    } as unknown as FunctionConstructor;
    globalThis.Function = blocked;
    try {
      const tool = { type: 'function', function: { name: 'csp', parameters: { type: 'object', properties: { never_seen_before: { type: 'integer', minimum: 7 } } } } };
      const lint = await lintTools(JSON.stringify([tool]));
      expect(lint.tools).not.toBeNull();
      expect(lint.problems).toMatchObject([{ severity: 'warning', message: `Tool 1 (csp): ${SCHEMA_CHECKS_OFF}` }]);
    } finally {
      globalThis.Function = original;
    }
  });
});

/** The finding "One request freezes the server: ReDoS" (Security, round two); see arguments.test.ts. */
describe('ReDoS: user-supplied patterns in the tools lint', () => {
  const toolWith = (parameters: Record<string, unknown>) => [{ type: 'function', function: { name: 'f', parameters } }];

  it('ReDoS: warns, in words and at the pattern, about patterns RE2 cannot run; the tools stay usable', async () => {
    const text = pretty(
      toolWith({
        type: 'object',
        properties: { password: { type: 'string', pattern: '^(?=.*\\d).{8,}$' }, twice: { type: 'string', pattern: '^(ab)\\1$' } },
        patternProperties: { '^(?<!x)y': { type: 'string' } },
      }),
    );
    const lint = await lintTools(text);
    expect(lint.errorCount).toBe(0);
    expect(lint.tools).not.toBeNull();
    const cannot = "which this playground's linear-time regular expressions (RE2) cannot run, so it is not checked:";
    const advice = "in the argument checks and in the simulator. Some providers' validators are RE2-like too and may refuse it: rewrite it without that if you can.";
    expect(lint.problems.map((p) => [p.severity, p.message])).toEqual([
      ['warning', `Tool 1 (f): the pattern "^(?=.*\\d).{8,}$" at "properties.password" uses lookahead, ${cannot} any value passes it, ${advice}`],
      ['warning', `Tool 1 (f): the pattern "^(ab)\\1$" at "properties.twice" uses a backreference (\\1), ${cannot} any value passes it, ${advice}`],
      ['warning', `Tool 1 (f): the pattern "^(?<!x)y" in "patternProperties" uses lookbehind, ${cannot} every property name counts as matching it, ${advice}`],
    ]);
    const lines = text.split('\n');
    const at = (i: number) => lines[lint.problems[i].startLineNumber - 1].slice(lint.problems[i].startColumn - 1, lint.problems[i].endColumn - 1);
    expect([at(0), at(1), at(2)]).toEqual(['"^(?=.*\\\\d).{8,}$"', '"^(ab)\\\\1$"', '"^(?<!x)y"']);
  });

  it('ReDoS: a catastrophic pattern RE2 runs in linear time is fine, and a pattern that is no regular expression is still an error', async () => {
    expect((await lintTools(pretty(toolWith({ type: 'object', properties: { code: { type: 'string', pattern: '^(.+)+Z$' } } })))).problems).toEqual([]);
    const broken = await lintTools(pretty(toolWith({ type: 'object', properties: { code: { type: 'string', pattern: '(' } } })));
    expect(broken.problems.map((p) => [p.severity, p.message])).toEqual([
      ['error', 'Tool 1 (f): parameters does not compile as JSON Schema: Invalid regular expression: /(/u: Unterminated group.'],
    ]);
  });
});

describe('ReDoS: many patterns RE2 cannot run', () => {
  it('ReDoS: warns about the first ten where they are and counts the rest, walking the schema once', async () => {
    const properties = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`p${i}`, { type: 'string', pattern: `^(?!${i})` }]));
    const lint = await lintTools(pretty([{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties } } }]));
    expect(lint.errorCount).toBe(0);
    expect(lint.problems).toHaveLength(11);
    expect(lint.problems[0].message).toMatch(/^Tool 1 \(f\): 190 more patterns use what this playground's linear-time regular expressions \(RE2\) cannot run \(lookaround, backreferences\), so nothing checks them either\.$/);
    expect(lint.problems[1].message).toMatch(/^Tool 1 \(f\): the pattern "\^\(\?!0\)" at "properties.p0" uses lookahead/);
  }, 10_000);
});
