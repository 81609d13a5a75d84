import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sharedAvailable, sharedPath } from '@/lib/testing/shared';
import Ajv from 'ajv';
import { FUNCTION_NAME_PATTERN } from '@/lib/wire/chat';
import { DEFAULT_SCENARIO, restoreScenario, scenarioSchema } from './scenario';
import { findTemplate, finishedWeatherScenario, TEMPLATES } from './templates';

describe('TEMPLATES', () => {
  it('has the guide use cases, weather first as the default', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(['weather', 'send_email', 'get_customers', 'extract_data', 'sql_query']);
    expect(findTemplate('weather')?.scenario).toBe(DEFAULT_SCENARIO);
    expect(findTemplate('nope')).toBeUndefined();
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s is a complete, ready scenario', (_id, template) => {
    const { scenario } = template;
    expect(scenarioSchema.safeParse(scenario).success).toBe(true);
    expect(restoreScenario(scenario)).toEqual({ ok: true, scenario });
    expect(template.title.length).toBeGreaterThan(5);
    expect(template.description.length).toBeGreaterThan(40);
    expect(scenario.model).toBe('offline-simulator');
    expect(scenario.messages).toEqual([]);
    expect(scenario.draft.length).toBeGreaterThan(10);
    expect(scenario.system.length).toBeGreaterThan(50);
    expect(scenario.tools.map((t) => t.function.name)).toContain(template.id === 'weather' ? 'get_current_weather' : template.id);

    const ajv = new Ajv({ strict: false });
    for (const tool of scenario.tools) {
      expect(tool.function.name).toMatch(FUNCTION_NAME_PATTERN);
      expect(tool.function.description?.length).toBeGreaterThan(20);
      expect(ajv.validateSchema(tool.function.parameters ?? {})).toBe(true);
      // Every function has a mock, and its results are JSON.
      const mock = scenario.mocks[tool.function.name];
      const results = mock.kind === 'fixed' ? [mock.result] : mock.kind === 'rules' ? [...mock.rules.map((rule) => rule.result), mock.default] : [];
      expect(results.length).toBeGreaterThan(0);
      for (const result of results) expect(() => JSON.parse(result)).not.toThrow();
    }
  });

  const seedPath = sharedPath('seeds', '000_15da291a6515dc4b.txt');
  it.runIf(sharedAvailable())("keeps the guide's weather tool and system prompt verbatim", () => {
    const seed = readFileSync(seedPath, 'utf8');
    const python = seed.slice(seed.indexOf('tools = ['), seed.indexOf('messages = ['));
    const tools = JSON.parse(python.slice(python.indexOf('['), python.lastIndexOf(']') + 1));
    expect(DEFAULT_SCENARIO.tools).toEqual(tools);
    expect(seed).toContain(JSON.stringify({ role: 'system', content: DEFAULT_SCENARIO.system }).replace(/":"/g, '": "').replace(/","/g, '", "'));
    expect(seed).toContain(DEFAULT_SCENARIO.draft);
    expect(DEFAULT_SCENARIO.tool_choice).toBe('auto');
  });

  it('makes the send_email approval visible, as the guide advises', () => {
    const { scenario, description } = findTemplate('send_email')!;
    expect(description).toMatch(/approve/);
    expect(scenario.system).toMatch(/must approve every e-mail/);
    expect(scenario.tools[0].function.description).toMatch(/approve/);
    expect(scenario.tools[0].function.parameters).toMatchObject({ required: ['to', 'body'] });
  });

  it('gives get_customers the signature from the guide', () => {
    const { parameters } = findTemplate('get_customers')!.scenario.tools[0].function;
    expect(parameters).toMatchObject({
      properties: { min_revenue: { type: 'integer' }, created_before: { type: 'string' }, limit: { type: 'integer' } },
    });
    expect(findTemplate('get_customers')!.scenario.draft).toBe('Who are my top customers?');
  });

  it('forces extract_data, and describes a schema for sql_query', () => {
    expect(findTemplate('extract_data')!.scenario.tool_choice).toEqual({ type: 'function', function: { name: 'extract_data' } });
    expect(findTemplate('sql_query')!.scenario.system).toMatch(/orders\(id INTEGER PRIMARY KEY/);
  });

  it('templates are frozen', () => {
    expect(() => {
      (TEMPLATES[1].scenario as { draft: string }).draft = 'x';
    }).toThrow();
  });
});

describe('finishedWeatherScenario', () => {
  it('is the weather loop played through: question, three parallel calls, three results, answer', () => {
    const scenario = finishedWeatherScenario();
    expect(restoreScenario(scenario)).toEqual({ ok: true, scenario });
    expect(scenario.draft).toBe('');
    expect(scenario.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool', 'tool', 'assistant']);
    const calls = scenario.messages[1].role === 'assistant' ? scenario.messages[1].tool_calls! : [];
    expect(calls.map((c) => JSON.parse(c.function.arguments).location)).toEqual(['New York, NY', 'San Francisco, CA', 'Chicago, IL']);
    for (const call of calls) expect(call.id).toMatch(/^call_[A-Za-z0-9]{19}$/);
    expect(scenario.messages.slice(2, 5).map((m) => (m.role === 'tool' ? m.tool_call_id : ''))).toEqual(calls.map((c) => c.id));
    // A fresh copy each time.
    scenario.messages.length = 0;
    expect(finishedWeatherScenario().messages).toHaveLength(6);
  });
});
