import { describe, expect, it } from 'vitest';
import { createAjv } from '@/lib/tools/schema-engine';
import { applyQuickFix, checkConversation, checkTools, MAX_FINDINGS_PER_TOOL, QUICK_FIX_TITLES, QUICK_FIXES } from '.';
import { RULE_CASES, tool } from './fixtures/cases';

const ajv = createAjv({ strict: false, validateFormats: false, logger: false });

function parametersOf(tools: unknown[], index: number): unknown {
  return (tools[index] as { function: { parameters: unknown } }).function.parameters;
}

describe('each rule', () => {
  it.each(RULE_CASES.map((c) => [`${c.rule} (${c.targets.join(', ') || 'no target'})`, c] as const))('%s: found where it is, and its fix clears it', (_, c) => {
    const index = c.toolIndex ?? 0;
    const findings = checkTools(c.tools, c.targets);
    const found = findings.find((f) => f.rule === c.rule && f.toolIndex === index);
    expect(found, JSON.stringify(findings, null, 1)).toMatchObject({ source: c.source, severity: c.severity, path: c.path, ...(c.fix ? { fix: c.fix } : {}) });
    if (!c.fix) expect(found).not.toHaveProperty('fix');
    expect(found?.message).toMatch(/^\S+: .+\.$/);
    if (!c.fix) return;

    const before = JSON.stringify(c.tools);
    const { tools, changes } = applyQuickFix(c.tools, c.fix, index);
    expect(JSON.stringify(c.tools)).toBe(before);
    expect(changes.length).toBeGreaterThan(0);
    expect(checkTools(tools, c.targets).filter((f) => f.rule === c.rule && f.toolIndex === index)).toEqual([]);
    const parameters = parametersOf(tools, index);
    expect(ajv.validateSchema(parameters as object), JSON.stringify(ajv.errors)).toBe(true);
  });

  it('names a title for every quick fix', () => {
    for (const fix of QUICK_FIXES) expect(QUICK_FIX_TITLES[fix]).toMatch(/\w/);
  });
});

describe('checkTools', () => {
  const weather = tool('get_weather', { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } }, required: ['city'] });

  it('finds nothing in a plain good tool, for any target', () => {
    expect(checkTools([weather], ['openai', 'anthropic', 'gemini', 'mistral', 'other'])).toEqual([]);
  });

  it('holds a strict tool to strict mode whatever the target', () => {
    const strict = tool('get_weather', { type: 'object', properties: { city: { type: 'string' } } }, { strict: true });
    const rules = checkTools([strict], ['gemini']).map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['openai-strict/required-all', 'openai-strict/additional-properties']));
  });

  it('caps the findings of one tool', () => {
    const names = Array.from({ length: 50 }, (_, i) => `missing_${i}`);
    const findings = checkTools([tool('many', { type: 'object', properties: {}, required: names }), weather], []);
    expect(findings).toHaveLength(MAX_FINDINGS_PER_TOOL);
    expect(findings.every((f) => f.toolIndex === 0)).toBe(true);
  });

  it('reads anything without throwing', () => {
    const odd = [null, 1, 'x', {}, { function: null }, { function: { name: 3, parameters: [] } }, tool('t', { type: 'object', properties: { a: true, b: null } })];
    expect(() => checkTools(odd, ['openai', 'gemini', 'anthropic', 'mistral'])).not.toThrow();
  });

  it('checks 128 real-sized tools for every target well within an edit', () => {
    const property = (i: number) => ({ type: 'object', description: `Item ${i}`, properties: { id: { type: 'string' }, count: { type: ['integer', 'null'] }, kind: { type: 'string', enum: ['a', 'b', 'c'] }, tags: { type: 'array', items: { type: 'string' } } }, required: ['id'] });
    const parameters = { type: 'object', properties: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, property(i)])), required: ['p0'] };
    const tools = Array.from({ length: 128 }, (_, i) => tool(`tool_${i}`, parameters, { strict: i % 2 === 0 }));
    const targets = ['openai', 'anthropic', 'gemini', 'mistral', 'other'] as const;
    // The best of a few runs: what the code needs, not what a busy test machine happens to give it.
    const times = Array.from({ length: 5 }, () => {
      const start = performance.now();
      checkTools(tools, targets);
      return performance.now() - start;
    });
    expect(Math.min(...times)).toBeLessThan(50);
  });
});

describe('quick fixes', () => {
  it('rename-for-gemini picks a name no other tool has', () => {
    const tools = [tool('1password', {}), tool('_1password', {})];
    const { tools: fixed, changes } = applyQuickFix(tools, 'rename-for-gemini', 0);
    expect((fixed[0] as { function: { name: string } }).function.name).toBe('_1password_2');
    expect(fixed[1]).toBe(tools[1]);
    expect(changes).toEqual([{ tool: '_1password_2', path: 'name', message: 'renamed from "1password" for Gemini.' }]);
  });

  it('drop-undefined-required moves draft-3 flags into the parent list and drops the rest', () => {
    const parameters = { type: 'object', properties: { city: { type: 'string', required: true }, unit: { type: 'string', required: false } }, required: ['city', 'nope', 7] };
    const { tools } = applyQuickFix([tool('t', parameters)], 'drop-undefined-required', 0);
    expect(parametersOf(tools, 0)).toEqual({ type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string' } }, required: ['city'] });
  });

  it('fix-enum-type drops the values of another type when some match', () => {
    const parameters = { type: 'object', properties: { n: { type: 'integer', enum: [1, 2, 'three'] } } };
    const { tools } = applyQuickFix([tool('t', parameters)], 'fix-enum-type', 0);
    expect(parametersOf(tools, 0)).toEqual({ type: 'object', properties: { n: { type: 'integer', enum: [1, 2] } } });
  });

  it('leaves a tool without a function as it is', () => {
    const tools = [{ type: 'function' }];
    expect(applyQuickFix(tools, 'make-strict', 0)).toEqual({ tools, changes: [] });
  });
});

describe('checkConversation', () => {
  const messages = [
    { role: 'user' },
    { role: 'assistant', tool_calls: [{ id: 'call_abc123' }, { id: 'aB3xK9mP2' }] },
    { role: 'tool', tool_call_id: 'call_abc123' },
  ];

  it('warns for Mistral about ids that are not 9 letters and digits', () => {
    expect(checkConversation(messages, ['mistral'])).toEqual([
      expect.objectContaining({ rule: 'mistral/tool-call-id', source: 'Mistral', severity: 'warning', toolIndex: -1, path: ['messages', 1, 'tool_calls', 0, 'id'] }),
      expect.objectContaining({ path: ['messages', 2, 'tool_call_id'] }),
    ]);
    expect(checkConversation(messages, ['mistral'])[0].message).toContain('the proxy rewrites it');
  });

  it('says nothing for other targets', () => {
    expect(checkConversation(messages, ['openai', 'other'])).toEqual([]);
  });
});

describe('what a conversion drops', () => {
  it('is reported at its keyword, not again inside', () => {
    const parameters = { type: 'object', properties: { a: { type: 'string', not: { const: 'x', additionalProperties: true } } }, required: ['a'], additionalProperties: false };
    const strict = checkTools([tool('t', parameters, { strict: true })], []).map((f) => f.path.join('.'));
    expect(strict).toEqual(['0.function.parameters.properties.a.not']);
    const gemini = checkTools([tool('t', parameters)], ['gemini']).map((f) => f.path.join('.'));
    expect(gemini).toEqual(['0.function.parameters.additionalProperties', '0.function.parameters.properties.a.not']);
  });
});
