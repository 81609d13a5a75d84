/** Each place scenario text is written into exported code (running the programs is injection.slow.test.ts). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { comment, js, jsonText, oneLine, pyString, quoted } from './literals';

const anyText = fc.string({ unit: 'binary', maxLength: 40 });
/** JSON values whose objects may have an own `__proto__` key, as JSON.parse makes them. */
const jsonValue = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v).replace(/"([a-z]{1,3})":/g, '"__proto__":')));
const evaluate = (source: string): unknown => new Function(`return (${source});`)();

describe('literals', () => {
  it('a quoted string is the same text in JSON and JavaScript, and spells out separators, bidi and invisible characters', () => {
    fc.assert(fc.property(anyText, (text) => {
      expect(JSON.parse(quoted(text))).toBe(text);
      expect(evaluate(quoted(text))).toBe(text);
      expect(JSON.parse(pyString(text).replace(/^'(.*)'$/s, (_, inner: string) => `"${inner.replace(/"/g, '\\"')}"`))).toBe(text);
    }));
    expect(quoted('a\u2028b\u202ec\u200bd\ufeff')).toBe('"a\\u2028b\\u202ec\\u200bd\\ufeff"');
    expect(jsonText({ '\u2066': ['\u0085'] })).toBe('{\n  "\\u2066": [\n    "\\u0085"\n  ]\n}');
  });

  it('a JavaScript literal is the same value, own __proto__ keys included', () => {
    fc.assert(fc.property(jsonValue, (value) => {
      for (const source of [js(value), js(value, null), js(value, '    ')]) expect(JSON.stringify(evaluate(source))).toBe(JSON.stringify(value));
    }));
    const withProto = JSON.parse('{"__proto__": {"type": "string"}}');
    expect(js(withProto)).toBe('{\n  ["__proto__"]: {\n    "type": "string"\n  }\n}');
    expect(Object.hasOwn(evaluate(js(withProto)) as object, '__proto__')).toBe(true);
  });

  it('comment text holds no line break, control or bidi character of any of the three languages', () => {
    fc.assert(fc.property(anyText, (text) => {
      expect(oneLine(text, Infinity)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      const lines = comment('#', text).split('\n');
      for (const line of lines) expect(line.startsWith('#')).toBe(true);
    }));
    expect(oneLine('x\ntouch $HOME/PWNED\n#')).toBe('x touch $HOME/PWNED #');
    expect(oneLine('🌦️'.repeat(3), 2)).toBe('🌦️');
  });
});
