import { describe, expect, it } from 'vitest';
import { MAX_INPUT_CHARS, parseToolsInput } from './parse-input';

describe('parseToolsInput', () => {
  it('reads JSON', () => {
    expect(parseToolsInput('[{"name":"a"}]')).toEqual({ value: [{ name: 'a' }] });
    expect(parseToolsInput('\uFEFF{"a":1}')).toEqual({ value: { a: 1 } });
  });

  it('reads YAML when the text is not JSON', () => {
    expect(parseToolsInput('openapi: 3.1.0\npaths:\n  /pets:\n    get: {operationId: list}\n')).toEqual({ value: { openapi: '3.1.0', paths: { '/pets': { get: { operationId: 'list' } } } } });
  });

  it('keeps a YAML __proto__ key as data', () => {
    const parsed = parseToolsInput('__proto__:\n  polluted: true\n');
    expect('value' in parsed && Object.keys(parsed.value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the line and column of a JSON error', () => {
    expect(parseToolsInput('{\n  "a": 1,\n}')).toEqual({ error: expect.stringMatching(/^The JSON is invalid at line 3, column 1: remove the comma/) });
  });

  it('reads text that opens like JSON as JSON only', () => {
    expect(parseToolsInput('{"a": tru}')).toEqual({ error: expect.stringMatching(/^The JSON is invalid at line 1, column 7/) });
  });

  it('names the line and column of a YAML error', () => {
    expect(parseToolsInput('a: [1,\nb: 2')).toEqual({ error: expect.stringMatching(/YAML is invalid at line 2, column 1/) });
  });

  it('stops a YAML document that expands its aliases', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((key, i) => `${key}: &${key} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    expect(parseToolsInput(bomb)).toEqual({ error: expect.stringMatching(/aliases/) });
  });

  it('reads an unknown tag as plain data, running nothing', () => {
    expect(parseToolsInput('a: !!js/function "x"\n')).toEqual({ value: { a: 'x' } });
  });

  it('rejects empty and oversized text', () => {
    expect(parseToolsInput('  \n')).toEqual({ error: expect.stringMatching(/Nothing to import/) });
    expect(parseToolsInput(' '.repeat(MAX_INPUT_CHARS + 1))).toEqual({ error: expect.stringMatching(/at most 5 MB/) });
  });
});
