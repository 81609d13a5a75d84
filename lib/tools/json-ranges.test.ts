import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nodeAtPath, parseJsonWithRanges } from './json-ranges';

describe('parseJsonWithRanges', () => {
  it('parses exactly what JSON.parse parses', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : 0);
        const parsed = parseJsonWithRanges(text);
        expect('root' in parsed && parsed.root.value).toEqual(JSON.parse(text));
      }),
    );
  });

  it('keeps where keys and values are', () => {
    const text = '[\n  {"a": {"b": [1, "x"]}}\n]';
    const parsed = parseJsonWithRanges(text);
    if (!('root' in parsed)) throw new Error('expected a value');
    const node = nodeAtPath(parsed.root, ['0', 'a', 'b', '1'])!;
    expect(text.slice(node.offset, node.end)).toBe('"x"');
    expect(nodeAtPath(parsed.root, ['0', 'nope'])).toBeUndefined();
  });

  it.each([
    ['[1,]', /trailing commas/, 3],
    ['{"a": 1,}', /trailing commas/, 8],
    ['{"a" 1}', /expected ":"/, 5],
    ['{a: 1}', /property name in double quotes/, 1],
    ["['x']", /double quotes/, 1],
    ['[1 2]', /expected "," or "]"/, 3],
    ['{"a": undefined}', /unexpected word "undefined"/, 6],
    ['[01]', /not a valid number/, 1],
    ['"abc', /never closed/, 0],
    ['[1] x', /after the end/, 4],
    ['', /ends where a value should be/, 0],
    ['[', /ends where a value should be|ends inside an array/, 1],
  ])('%s is a syntax error at the right place', (text, message, offset) => {
    const parsed = parseJsonWithRanges(text);
    expect('error' in parsed).toBe(true);
    if ('error' in parsed) {
      expect(parsed.error.message).toMatch(message);
      expect(parsed.error.offset).toBe(offset);
    }
  });

  it('rejects what JSON.parse rejects', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect('root' in parseJsonWithRanges(text)).toBe(valid);
      }),
    );
  });
});
