/**
 * Found beside the ReDoS finding (Security, round two): tool schemas that hold the server's one thread
 * without any regular expression. Measured before the budget, on 2 busy cores: `minItems: 1e6` 85 s,
 * three nested arrays of `minItems: 100` 28 s, a chain of 3,000 `dependentRequired` keys 29 s, an enum of
 * 50,000 options 86 s, `minLength: 1e7` 2 s and 340 MB (1e9 exhausts the heap). The 10 s timeouts are far
 * above what each takes now.
 */
import { describe, expect, it } from 'vitest';
import type { ChatRequest, Tool } from '@/lib/wire/chat';
import { simulateCompletion } from './completion';
import { CUT_SHORT_NOTE, WORK_LIMITS } from './budget';

function ask(parameters: Record<string, unknown>, content = 'Look up the order code, please'): ChatRequest {
  const tool: Tool = { type: 'function', function: { name: 'lookup_code', description: 'Look up an order code', parameters } };
  return { model: 'offline-simulator', messages: [{ role: 'user', content }], tools: [tool], tool_choice: 'required' };
}

function answer(request: ChatRequest) {
  const message = simulateCompletion(request, { created: 0 }).choices[0].message;
  const call = message.tool_calls?.[0];
  return { content: message.content, args: JSON.parse(call?.type === 'function' ? call.function.arguments : 'null') as Record<string, unknown> };
}

const CUT_SHORT = `(Offline simulator) ${CUT_SHORT_NOTE}`;

describe('DoS: the simulator works within a budget, and says when a schema asks for more', () => {
  it('DoS: minLength 1e9 is padded to the padding budget, not to a billion characters', () => {
    const { content, args } = answer(ask({ type: 'object', properties: { code: { type: 'string', minLength: 1e9 } }, required: ['code'] }));
    expect(String(args.code)).toHaveLength(WORK_LIMITS.padding + 'unknown'.length);
    expect(content).toBe(CUT_SHORT);
  }, 10_000);

  it('DoS: minItems 1e9, and arrays nested three deep with minItems 100, stop at the value budget', () => {
    const flat = answer(ask({ type: 'object', properties: { codes: { type: 'array', minItems: 1e9, items: { type: 'integer' } } }, required: ['codes'] }));
    expect((flat.args.codes as unknown[]).length).toBeLessThan(WORK_LIMITS.values);
    expect(flat.content).toBe(CUT_SHORT);
    const item = (inner: Record<string, unknown>) => ({ type: 'array', minItems: 100, items: inner });
    const nested = answer(ask({ type: 'object', properties: { grid: item(item(item({ type: 'integer' }))) }, required: ['grid'] }));
    expect(nested.content).toBe(CUT_SHORT);
  }, 10_000);

  it('DoS: allOf of two $refs to the next level, doubling at each of 15 levels, stops at the merge budget', () => {
    const $defs: Record<string, unknown> = { d15: { type: 'object', properties: { x: { type: 'string' } } } };
    for (let i = 0; i < 15; i++) $defs[`d${i}`] = { allOf: [{ $ref: `#/$defs/d${i + 1}` }, { $ref: `#/$defs/d${i + 1}` }] };
    const properties = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`p${i}`, { $ref: '#/$defs/d0' }]));
    const { content, args } = answer(ask({ type: 'object', $defs, properties, required: Object.keys(properties) }));
    expect(Object.keys(args)).toHaveLength(100);
    expect(content).toBe(CUT_SHORT);
  }, 10_000);

  it('DoS: a chain of 5,000 dependentRequired keys is followed once per key', () => {
    const dependentRequired = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, [`k${i + 1}`]]));
    const { content, args } = answer(ask({ type: 'object', required: ['k0'], dependentRequired }));
    expect(Object.keys(args)).toHaveLength(5_001);
    expect(Object.keys(args).slice(0, 3)).toEqual(['k0', 'k1', 'k2']);
    expect(content).toBeNull();
  }, 10_000);

  it('DoS: an enum of 50,000 options is matched against the message read once', () => {
    const options = Array.from({ length: 50_000 }, (_, i) => `option number ${i}`);
    const message = `Use option number 49999 ${'and more words '.repeat(250)}`;
    const { args } = answer(ask({ type: 'object', properties: { kind: { type: 'string', enum: options } }, required: ['kind'] }, message));
    expect(args).toEqual({ kind: 'option number 49999' });
  }, 10_000);

  it('cuts short the same way every time: the same request gets the same reply', () => {
    const request = ask({ type: 'object', properties: { codes: { type: 'array', minItems: 1e9, items: { type: 'string' } } }, required: ['codes'] });
    expect(simulateCompletion(request, { created: 0 })).toEqual(simulateCompletion(request, { created: 0 }));
  }, 20_000);
});
