/**
 * The finding "One request freezes the server: ReDoS in the simulator" (Security, round two): the
 * simulator runs on the server, and it tests the values it writes against the tool's `pattern` and its
 * property names against `patternProperties`. With a backtracking engine `^(.+)+Z$` and a 30-character
 * value take about a minute of the server's only thread. The 10 s timeouts are far above what a
 * linear-time engine takes and far below what backtracking takes.
 */
import { describe, expect, it } from 'vitest';
import type { ChatRequest, Tool } from '@/lib/wire/chat';
import { simulateChunks, simulateCompletion } from './completion';

function toolWith(parameters: Record<string, unknown>): Tool {
  return { type: 'function', function: { name: 'lookup_code', description: 'Look up an order code', parameters } };
}

function ask(tool: Tool, content = 'Look up the order code, please'): ChatRequest {
  return { model: 'offline-simulator', messages: [{ role: 'user', content }], tools: [tool] };
}

function answer(request: ChatRequest) {
  const message = simulateCompletion(request, { created: 0 }).choices[0].message;
  return { content: message.content, args: (message.tool_calls ?? []).map((call) => JSON.parse(call.function.arguments) as Record<string, unknown>) };
}

describe('ReDoS: the simulator never runs a user-supplied pattern unbounded', () => {
  it('ReDoS: gives up on ^(.+)+Z$ with minLength 30 at once, and says so in its reply', () => {
    const { content, args } = answer(ask(toolWith({ type: 'object', properties: { code: { type: 'string', minLength: 30, pattern: '^(.+)+Z$' } }, required: ['code'] })));
    expect(args).toHaveLength(1);
    expect(String(args[0].code)).toHaveLength(30);
    expect(content).toBe('(Offline simulator) I found no value for "code" that fits its pattern "^(.+)+Z$" and its length limits, so that argument does not match the schema.');
  }, 10_000);

  it('ReDoS: the streamed reply carries the same note', () => {
    const request = { ...ask(toolWith({ type: 'object', properties: { code: { type: 'string', minLength: 30, pattern: '^(.+)+Z$' } }, required: ['code'] })), stream: true };
    const text = simulateChunks(request, { created: 0 }).map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toMatch(/^\(Offline simulator\) I found no value for "code"/);
  }, 10_000);

  it('ReDoS: matches a required property name against a catastrophic patternProperties without backtracking', () => {
    const key = `${'a'.repeat(30)}!`;
    const { args } = answer(ask(toolWith({ type: 'object', required: [key, 'aaaa'], patternProperties: { '^(a|a)+$': { type: 'integer' } } })));
    expect(args).toEqual([{ [key]: 'unknown', aaaa: 0 }]);
  }, 10_000);

  it('ReDoS: fills a value for a pattern RE2 cannot run, and says it did not check it', () => {
    const { content, args } = answer(ask(toolWith({ type: 'object', properties: { code: { type: 'string', pattern: '^(?=(a+)+$)' } }, required: ['code'] })));
    expect(args).toEqual([{ code: 'unknown' }]);
    expect(content).toBe('(Offline simulator) I did not check "code" against its pattern "^(?=(a+)+$)": it uses lookahead, which my linear-time regular expressions (RE2) cannot run.');
  }, 10_000);

  it('ReDoS: does not test a value whose worst case is too long (^[ab]*a[ab]{999}$, minLength 5,000), and says so', () => {
    const { content } = answer(ask(toolWith({ type: 'object', properties: { code: { type: 'string', minLength: 5_000, pattern: '^[ab]*a[ab]{999}$' } }, required: ['code'] })));
    expect(content).toBe('(Offline simulator) I did not check "code" against its pattern "^[ab]*a[ab]{999}$": a value of 5,000 characters is more than I test against it quickly.');
  }, 10_000);

  it('still meets the patterns it can, with nothing to say', () => {
    const { content, args } = answer(ask(toolWith({ type: 'object', properties: { code: { type: 'string', pattern: '^[A-Z0-9]+$' } }, required: ['code'] })));
    expect(args).toEqual([{ code: 'ABC' }]);
    expect(content).toBeNull();
  });
});
