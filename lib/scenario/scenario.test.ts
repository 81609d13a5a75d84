import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LIMITS } from '@/lib/wire/chat';
import {
  cloneScenario,
  DEFAULT_SCENARIO,
  GUIDE_SYSTEM_PROMPT,
  MAX_NAME_CHARS,
  restoreScenario,
  SCENARIO_DEFAULTS,
  scenarioSchema,
  type Scenario,
} from './scenario';
import { inspectorRecord } from '@/lib/testing/inspector-record';
import { MOCK_LIMITS } from '@/lib/mocks/mock';
import { expectProtoKeysKept, PROTO_KEYS_JSON } from '@/lib/testing/proto-keys';

function restored(input: unknown): Scenario {
  const result = restoreScenario(input);
  if (!result.ok) throw new Error(result.error);
  return result.scenario;
}

function restoreError(input: unknown): string {
  const result = restoreScenario(input);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('DEFAULT_SCENARIO', () => {
  it('is the guide example, valid, unsent, and restores to itself', () => {
    expect(scenarioSchema.safeParse(DEFAULT_SCENARIO).success).toBe(true);
    expect(DEFAULT_SCENARIO.system).toBe(GUIDE_SYSTEM_PROMPT);
    expect(DEFAULT_SCENARIO.messages).toEqual([]);
    expect(DEFAULT_SCENARIO.draft).toBe('What is the current temperature of New York, San Francisco, and Chicago?');
    expect(restored(DEFAULT_SCENARIO)).toEqual(DEFAULT_SCENARIO);
  });

  it('is frozen all the way down, and clones are not', () => {
    expect(() => (DEFAULT_SCENARIO.tools as unknown[]).push({})).toThrow();
    expect(() => {
      (DEFAULT_SCENARIO.mocks as Record<string, unknown>).x = '1';
    }).toThrow();
    const copy = cloneScenario(DEFAULT_SCENARIO);
    copy.tools[0].function.name = 'changed';
    expect(DEFAULT_SCENARIO.tools[0].function.name).toBe('get_current_weather');
  });
});

describe('restoreScenario', () => {
  it('fills every missing field with the neutral defaults', () => {
    expect(restored({})).toEqual({ version: 2, ...SCENARIO_DEFAULTS });
    expect(restored({ version: 1, name: null, temperature: null })).toEqual({ version: 2, ...SCENARIO_DEFAULTS });
  });

  it('drops unknown fields at every level except inside JSON Schema parameters', () => {
    const scenario = restored({
      extra: 1,
      tools: [{ type: 'function', function: { name: 'f', x: 1, parameters: { type: 'object', 'x-custom': true } }, y: 2 }],
      messages: [{ role: 'user', content: 'hi', stray: true }],
    });
    expect(scenario).not.toHaveProperty('extra');
    expect(scenario.tools[0]).toEqual({ type: 'function', function: { name: 'f', parameters: { type: 'object', 'x-custom': true } } });
    expect(scenario.messages[0]).toEqual({ role: 'user', content: 'hi' });
  });

  it('clamps numbers and counts to the limits', () => {
    const tools = Array.from({ length: LIMITS.maxTools + 5 }, (_, i) => ({ function: { name: `f${i}` } }));
    const messages = Array.from({ length: LIMITS.maxScenarioMessages + 5 }, (_, i) => ({ role: 'user', content: `m${i}` }));
    const scenario = restored({ tools, messages, temperature: 9, max_tokens: 10 ** 9, name: 'n'.repeat(500) });
    expect(scenario.tools).toHaveLength(LIMITS.maxTools);
    expect(scenario.messages).toHaveLength(LIMITS.maxScenarioMessages);
    expect(scenario.temperature).toBe(2);
    expect(scenario.max_tokens).toBe(LIMITS.maxMaxTokens);
    expect(scenario.name).toHaveLength(MAX_NAME_CHARS);
    expect(restored({ temperature: -1, max_tokens: 0.4 })).toMatchObject({ temperature: 0, max_tokens: 1 });
  });

  it('puts back what links and hand-written files may leave out', () => {
    const scenario = restored({
      tools: [{ function: { name: 'get_current_weather' } }],
      mocks: { get_current_weather: { temperature: 22 } },
      messages: [
        { role: 'assistant', tool_calls: [{ id: 'call_1', function: { name: 'get_current_weather', arguments: '{}' } }] },
      ],
    });
    expect(scenario.tools[0].type).toBe('function');
    expect(scenario.mocks.get_current_weather).toEqual({ kind: 'fixed', result: '{\n  "temperature": 22\n}' });
    expect(scenario.messages[0]).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_current_weather', arguments: '{}' } }],
    });
  });

  it('reads a Chat Completions request body, moving its system message into `system`', () => {
    const scenario = restored({
      model: 'gpt-4o',
      stream: true,
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        { role: 'user', content: 'Hi' },
      ],
    });
    expect(scenario.system).toBe('Be brief.');
    expect(scenario.messages).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(scenario.model).toBe('gpt-4o');
  });

  it('refuses invalid content with a message naming the field', () => {
    expect(restoreError({ tools: [{ function: { name: 'bad name!' } }] })).toMatch(/^tools\.0\.function\.name: /);
    expect(restoreError({ model: 'not a model id' })).toMatch(/^model: must be a model id/);
    expect(restoreError({ messages: [{ role: 'robot', content: 'x' }] })).toMatch(/^messages\.0/);
    expect(restoreError({ tool_choice: 'sometimes' })).toMatch(/^tool_choice/);
    expect(restoreError({ parallel_tool_calls: 'yes' })).toMatch(/^parallel_tool_calls/);
    expect(restoreError({ temperature: '0.5' })).toMatch(/^temperature/);
    expect(restoreError({ mocks: [] })).toMatch(/^mocks/);
  });

  it('names a newer format, and refuses other versions', () => {
    expect(restoreError({ version: 3 })).toBe(
      'This scenario was made by a newer version of the playground (format 3); this one reads format 2. Open it in an up-to-date playground.',
    );
    expect(restoreError({ version: 0 })).toBe('version: must be 1 or 2');
    expect(restoreError({ version: '1' })).toBe('version: must be 1 or 2');
  });

  it("keeps an inspector record's arrival times and HTTP answer, and refuses unbounded ones", () => {
    const good = inspectorRecord({ raw: 'x', raw_chars: 1, raw_times: [[0, 12]], http: { status: 200, headers: { 'content-type': 'text/event-stream' } } });
    expect(restored({ inspector: [good] }).inspector[0]).toMatchObject({ raw_times: [[0, 12]], http: { status: 200 } });
    const many = inspectorRecord({ id: 'r2', raw_times: Array.from({ length: 100_000 }, (_, i): [number, number] => [i, i]) });
    const junkHeaders = inspectorRecord({ id: 'r3', http: { status: 200, headers: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`h${i}`, 'v'])) } });
    expect(restored({ inspector: [many, junkHeaders] }).inspector).toEqual([]);
  });

  it("drops the inspector's records it cannot read, keeping the rest and the scenario; records do not count towards its size", () => {
    const good = inspectorRecord({ status: 'interrupted', raw: 'x'.repeat(900_000), raw_chars: 900_000 });
    const result = restored({ inspector: [good, { id: 3 }, 'junk', { ...good, id: 'r2', raw: 'y'.repeat(900_000) }] });
    expect(result.inspector.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(restored({ inspector: 'junk' }).inspector).toEqual([]);
  });

  it('refuses non-objects and oversized scenarios', () => {
    for (const input of [null, undefined, 1, 'x', [], true]) expect(restoreError(input)).toBe('A scenario must be a JSON object.');
    expect(restoreError({ system: 'x'.repeat(LIMITS.maxBodyBytes) })).toMatch(/too large/);
  });

  it('never throws, even on hostile objects', () => {
    const hostile = Object.defineProperty({}, 'tools', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(restoreScenario(hostile)).toEqual({ ok: false, error: 'The scenario could not be read (boom).' });
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = restoreScenario(value);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent, and its results share nothing with the input', () => {
    const input = { tools: [{ function: { name: 'f', parameters: { type: 'object' } } }] };
    const once = restored(input);
    expect(restored(once)).toEqual(once);
    once.tools[0].function.parameters!.type = 'changed';
    expect(input.tools[0].function.parameters.type).toBe('object');
  });
});

describe('restoreScenario: names, and keys named __proto__', () => {
  it('command injection through the exported curl script: a mock for a name that is not a function name is refused, saying why', () => {
    expect(restoreError({ mocks: { 'x\ntouch $HOME/PWNED\n#': '{}' } })).toBe(
      'mocks: "x\\ntouch $HOME/PWNED\\n#" is not a function name (1 to 64 letters, digits, _ or -), so it cannot have a mock result.',
    );
    expect(restoreError({ mocks: { ['y'.repeat(65)]: '{}' } })).toMatch(/^mocks: "y{40}…" is not a function name/);
    expect(restoreError({ mocks: { '': '{}' } })).toMatch(/^mocks: "" is not a function name/);
    expect(restored({ mocks: { 'get-weather_2': '{}' } }).mocks).toEqual({ 'get-weather_2': { kind: 'fixed', result: '{}' } });
    expect(restoreError({ result_schemas: { 'a b': '{}' } })).toMatch(/^result_schemas: "a b" is not a function name .* so it cannot have a result schema\.$/);
  });

  it('keeps what a model sent as it was: tool call ids, names and typed results by id are records, not definitions', () => {
    const id = 'call 1\n$(touch x)';
    const name = 'functions.get weather\n`id`';
    const scenario = restored({
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name, arguments: '{' } }] },
      ],
      results: { [id]: 'typed' },
    });
    expect(scenario.messages[1]).toMatchObject({ tool_calls: [{ id, function: { name } }] });
    expect(scenario.results).toEqual({ [id]: 'typed' });
  });

  it('__proto__ keys in mocks and tool parameters are kept as data on load', () => {
    const scenario = restored(JSON.parse(PROTO_KEYS_JSON));
    expectProtoKeysKept(scenario);
    expectProtoKeysKept(restored(scenario));
    expectProtoKeysKept(restored(structuredClone(scenario)));
  });
});

describe('restoreScenario: mocks of four kinds (format 2), and format 1 migrated', () => {
  const rules = { kind: 'rules', rules: [{ when: '{"location": "Chicago"}', result: '{"t": 18}' }], default: '{"t": 20}' };

  it('keeps each kind exactly, and drops fields a kind does not have', () => {
    const mocks = { a: { kind: 'fixed', result: 'x' }, b: rules, c: { kind: 'javascript', source: '(args) => args' }, d: { kind: 'ask' } };
    expect(restored({ mocks }).mocks).toEqual(mocks);
    expect(restored({ mocks: { a: { kind: 'ask', result: 'stale', extra: 1 } } }).mocks).toEqual({ a: { kind: 'ask' } });
    // Hand-written: a rule's condition and results as JSON values, a missing default.
    expect(restored({ mocks: { b: { kind: 'rules', rules: [{ when: { location: 'Chicago' }, result: { t: 18 } }] } } }).mocks.b).toEqual({
      kind: 'rules',
      rules: [{ when: '{\n  "location": "Chicago"\n}', result: '{\n  "t": 18\n}' }],
      default: '',
    });
  });

  it('a version-1 scenario opens: every mock text becomes a fixed result, whatever it looks like', () => {
    const v1 = { version: 1, mocks: { a: '{"t": 1}', b: { kind: 'ask' } } };
    expect(restored(v1)).toMatchObject({ version: 2, mocks: { a: { kind: 'fixed', result: '{"t": 1}' }, b: { kind: 'fixed', result: '{\n  "kind": "ask"\n}' } } });
  });

  it('bounds rules, conditions and sources, naming the mock', () => {
    const many = Array.from({ length: MOCK_LIMITS.maxRules + 1 }, () => ({ when: '{}', result: '' }));
    expect(restoreError({ mocks: { f: { kind: 'rules', rules: many, default: '' } } })).toMatch(/^mocks: the mock for "f": rules: /);
    expect(restoreError({ mocks: { f: { kind: 'rules', rules: [{ when: ' '.repeat(MOCK_LIMITS.maxWhenChars + 1), result: '' }], default: '' } } })).toMatch(/^mocks: the mock for "f"/);
    expect(restoreError({ mocks: { f: { kind: 'javascript', source: 'x'.repeat(MOCK_LIMITS.maxSourceChars + 1) } } })).toMatch(/^mocks: the mock for "f": source: /);
    expect(restoreError({ mocks: { f: { kind: 'javascript' } } })).toMatch(/^mocks: the mock for "f": source/);
  });

  it('result schemas are text; a hand-written one may be the schema itself', () => {
    expect(restored({ result_schemas: { f: { type: 'object' } } }).result_schemas).toEqual({ f: '{\n  "type": "object"\n}' });
    expect(restored({}).result_schemas).toEqual({});
  });
});
