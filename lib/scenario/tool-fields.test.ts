/**
 * The scenario's fields for tool formats and MCP (response_format, check_for, tool_annotations,
 * mcp_bindings, mcp_policies): kept by a share link and by a file, each read leniently.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, restoreScenario, type Scenario } from './scenario';
import { decodeShareHash, encodeScenario } from './share-link';

const WITH_FIELDS: Scenario = {
  ...DEFAULT_SCENARIO,
  response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema: { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'], additionalProperties: false } } },
  check_for: ['openai', 'gemini'],
  tool_annotations: { get_current_weather: { readOnlyHint: true, title: 'Weather' } },
  mcp_bindings: { get_current_weather: { server: 'weather', tool: 'forecast' } },
  mcp_policies: { get_current_weather: 'auto' },
};

describe('tool-format and MCP fields of a scenario', () => {
  it('go through a share link unchanged', () => {
    const decoded = decodeShareHash(`#${encodeScenario(WITH_FIELDS)}`);
    expect(decoded).toMatchObject({ kind: 'ok' });
    const scenario = (decoded as { scenario: Scenario }).scenario;
    for (const key of ['response_format', 'check_for', 'tool_annotations', 'mcp_bindings', 'mcp_policies'] as const) expect(scenario[key]).toEqual(WITH_FIELDS[key]);
  });

  it('a text response format is left out; what cannot be read is dropped, not the scenario', () => {
    const restored = restoreScenario({
      ...DEFAULT_SCENARIO,
      response_format: { type: 'text' },
      check_for: ['openai', 'openai', 'nobody'],
      mcp_bindings: { f: { server: '..', tool: 'x' } },
      mcp_policies: { f: 'always' },
      tool_annotations: { f: { nested: { deep: true } } },
    });
    expect(restored.ok).toBe(true);
    const scenario = (restored as { scenario: Scenario }).scenario;
    expect(scenario.response_format).toBeUndefined();
    expect(scenario.check_for).toBeUndefined();
    expect(scenario.mcp_bindings).toBeUndefined();
    expect(scenario.mcp_policies).toBeUndefined();
    expect(scenario.tool_annotations).toBeUndefined();
    expect(restoreScenario({ ...DEFAULT_SCENARIO, check_for: ['openai', 'openai'] })).toMatchObject({ ok: true, scenario: { check_for: ['openai'] } });
  });
});
