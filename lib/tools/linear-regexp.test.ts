/**
 * JSON Schema patterns in linear time (the finding "One request freezes the server: ReDoS", Security,
 * round two): the RE2 rewrite means what the ECMA-262 pattern means (checked against JavaScript's own
 * engine on inputs where backtracking is harmless), what RE2 cannot express is named, and the hostile
 * patterns run in linear time.
 */
import fc from 'fast-check';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { collectUnchecked, compilePattern, linearRegExp, MAX_TEST_COST } from './linear-regexp';
import { quotePattern } from './pattern-words';

const test = (pattern: string, text: string) => {
  const compiled = compilePattern(pattern);
  if (compiled.kind !== 'ok') throw new Error(`${pattern}: ${compiled.kind}`);
  return compiled.test(text);
};

/** Pattern → inputs; each must match exactly when `new RegExp(pattern, 'u')` matches. */
const SAME_AS_ECMA: Array<[string, string[]]> = [
  ['^[a-zA-Z0-9_-]{1,64}$', ['get_weather', 'a b', '', 'x'.repeat(65), 'ok-1']],
  ['^\\d{3}-\\d{4}$', ['555-1234', '5551234', '٣٣٣-١٢٣٤', '555-12345']],
  ['\\bcat\\b', ['a cat!', 'concat', 'cat', 'caté']],
  ['^\\w+$', ['abc_1', 'é', 'a-b']],
  ['^\\s+$', [' \t\n', '\u00a0', '\u2003', '\ufeff', '\u200b', '\v', 'a']],
  ['^\\S+$', ['abc', 'a b', '\u00a0', '😀']],
  ['^[\\s\\d]+$', ['1 2\u30003', '1a']],
  ['^[^\\s]+$', ['abc', 'a\u2028b']],
  ['^.$', ['a', '😀', '\n', '\r', '\u2028', '\u2029', '\u0085']],
  ['^.{2}$', ['😀😀', 'ab', '😀']],
  ['^a.c$', ['abc', 'a\nc', 'a\u2028c']],
  ['^[^a]$', ['b', '😀', '\n', 'a']],
  ['^[a-]$', ['a', '-', 'b']],
  ['^[-a]$', ['-', 'a']],
  ['^[a-c-e]+$', ['abc-e', 'd']],
  ['^[\\-\\]\\[]+$', ['-][', 'a']],
  ['^[[:a]+$', ['[:a', 'abc', ':]']],
  ['^\\u00e9\\u{1F600}\\uD83D\\uDE00$', ['é😀😀', 'e😀😀']],
  ['^[\\u0041-\\u005A]+$', ['ABC', 'abc']],
  ['^\\x41\\t\\n\\0$', ['A\t\n\0', 'A\t\n0']],
  ['^\\cJ$', ['\n', 'J']],
  ['^\\/\\.\\*\\+\\?\\(\\)\\{\\}\\|\\^\\$\\\\$', ['/.*+?(){}|^$\\']],
  ['^\\p{Lu}\\p{Ll}+$', ['Éte', 'ete', 'ÉTE']],
  ['^\\p{Letter}+$', ['abcé', 'a1']],
  ['^\\p{Script=Greek}+$', ['αβγ', 'abc']],
  ['^\\P{L}+$', ['123', 'a1']],
  ['^(?<year>\\d{4})-(\\d{2})$', ['2024-05', '24-05']],
  ['^(?:a|bc)*?d{2,}$', ['abcdd', 'abcd', 'dd']],
  ['a$', ['a', 'a\n', 'ba']],
  ['^$', ['', '\n']],
  ['^[]$', ['', 'a']],
  ['^[^]$', ['a', '\n', '😀']],
  ['^[\\b]$', ['\b', 'b']],
  ['colou?r', ['my color', 'colour', 'colr']],
  ['^ a b $', [' a b ', 'ab']],
  ['^[.]$', ['.', 'a']],
  ['^\\B..\\B$', ['ab', 'a ']],
];

describe('the RE2 rewrite of an ECMA-262 pattern', () => {
  it.each(SAME_AS_ECMA)('%s matches what JavaScript matches', (pattern, inputs) => {
    const native = new RegExp(pattern, 'u');
    for (const input of inputs) expect([input, test(pattern, input)]).toEqual([input, native.test(input)]);
  });

  it('agrees with JavaScript on generated patterns and inputs', () => {
    const atom = fc.constantFrom('a', 'b', '.', '\\d', '\\w', '\\s', '\\S', '[ab]', '[^a]', '[a-c]', '\\u00e9', '😀', '\\.', ' ', '-', '\\b');
    const piece = fc.tuple(atom, fc.constantFrom('', '*', '+', '?', '{2}', '{1,3}', '*?')).map(([a, q]) => (a === '\\b' ? a : a + q));
    const pattern = fc
      .array(fc.oneof(piece, fc.array(piece, { minLength: 1, maxLength: 3 }).map((parts) => `(${parts.join('')})`)), { minLength: 1, maxLength: 4 })
      .chain((parts) => fc.constantFrom(parts.join(''), `^${parts.join('')}$`, `${parts[0]}|${parts.slice(1).join('')}`));
    const input = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '1', ' ', '\n', 'é', '😀', '.', '-', '\u00a0'), maxLength: 8 });
    fc.assert(
      fc.property(pattern, input, (source, text) => {
        expect(test(source, text)).toBe(new RegExp(source, 'u').test(text));
      }),
      { numRuns: 1000, seed: 42 },
    );
  });
});

describe('patterns RE2 cannot run', () => {
  it.each([
    ['^(?=.*\\d).{8,}$', 'lookahead'],
    ['^(?!x)', 'lookahead'],
    ['(?<=a)b', 'lookbehind'],
    ['(?<!a)b', 'lookbehind'],
    ['^(a)\\1$', 'a backreference (\\1)'],
    ['^(?<q>["\'])x\\k<q>$', 'a backreference (\\k<q>)'],
    ['^a{1001}$', 'a repeat count over 1000, or repeats nested deeper than RE2 allows'],
    ['^(a{100}){100}$', 'a repeat count over 1000, or repeats nested deeper than RE2 allows'],
    ['^\\p{Script_Extensions=Latin}$', 'the Unicode property \\p{Script_Extensions=Latin}'],
  ])('%s: %s', (pattern, reason) => {
    expect(compilePattern(pattern)).toEqual({ kind: 'unsupported', reason });
  });

  it('a pattern that is no regular expression is a SyntaxError, as JavaScript words it', () => {
    const compiled = compilePattern('(');
    expect(compiled.kind).toBe('invalid');
    expect(compiled.kind === 'invalid' && compiled.error.message).toBe('Invalid regular expression: /(/u: Unterminated group');
    expect(compilePattern('a{2,1}').kind).toBe('invalid');
    expect(compilePattern('\\p{Nope}').kind).toBe('invalid');
  });
});

describe('ReDoS: hostile patterns in linear time', () => {
  it.each([
    ['^(.+)+Z$', 'a'.repeat(100_000)],
    ['^(a|a)+$', `${'a'.repeat(100_000)}!`],
    ['^(a+)+b$', 'a'.repeat(100_000)],
    ['^(\\w+\\s?)*$', `${'word '.repeat(20_000)}!`],
    ['[a-q][^u-z]{13}x', 'abcdefghijklmnopqrstuvwxyz'.repeat(10_000)],
  ])('ReDoS: %s against 100,000 characters', (pattern, text) => {
    expect(test(pattern, text)).toBe(false);
  }, 10_000);
});

describe("Ajv's code.regExp", () => {
  const ajv = new Ajv({ allErrors: true, strict: false, code: { regExp: linearRegExp } });

  it('checks pattern and patternProperties, each pattern its own', () => {
    const validate = ajv.compile({
      type: 'object',
      properties: { a: { type: 'string', pattern: '^x+$' }, b: { type: 'string', pattern: '^y+$' } },
      patternProperties: { '^n_': { type: 'integer' } },
    });
    expect(validate({ a: 'xx', b: 'yy', n_1: 1 })).toBe(true);
    expect(validate({ a: 'yy', b: 'xx', n_1: 'one' })).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(['/a', '/b', '/n_1']);
  });

  it('throws on a pattern that is no regular expression, so the schema does not compile', () => {
    expect(() => ajv.compile({ type: 'string', pattern: '[' })).toThrow(/Invalid regular expression/);
  });

  it('counts a pattern RE2 cannot run as matching everything, and lists it', () => {
    const { result: validate, unsupported } = collectUnchecked(() =>
      ajv.compile({ type: 'object', properties: { p: { type: 'string', pattern: '^(?=.*\\d)' } }, patternProperties: { '(a)\\1': { type: 'string' } } }),
    );
    // Counted as matching: every property name takes the patternProperties schema.
    expect(validate({ p: 'no digit', aa: 'x' })).toBe(true);
    expect(validate({ p: 'no digit', b: 1 })).toBe(false);
    expect(unsupported).toEqual([
      { pattern: '^(?=.*\\d)', reason: 'lookahead' },
      { pattern: '(a)\\1', reason: 'a backreference (\\1)' },
    ]);
  });
});

describe('ReDoS: the linear-time worst case, bounded', () => {
  // RE2's DFA gives up on this one and its NFA takes a step per instruction (about 1,000) per character.
  const wide = '^[ab]*a[ab]{999}$';

  it('ReDoS: a test would cost more than MAX_TEST_COST on 5,000 characters of ^[ab]*a[ab]{999}$: Ajv counts it as matching and says so', () => {
    const compiled = compilePattern(wide);
    const text = 'ab'.repeat(2_500);
    expect(compiled.kind === 'ok' && compiled.cost(text)).toBeGreaterThan(MAX_TEST_COST);
    const ajv = new Ajv({ code: { regExp: linearRegExp } });
    const validate = ajv.compile({ type: 'string', pattern: wide });
    const { result, skipped } = collectUnchecked(() => validate(text));
    expect(result).toBe(true);
    expect(skipped).toEqual([{ pattern: wide, length: 5_000 }]);
    const short = collectUnchecked(() => validate('ab'.repeat(50)));
    expect([short.result, short.skipped]).toEqual([false, []]);
  }, 10_000);
});

describe('quotePattern', () => {
  it('quotes, and cuts a long pattern at 80 characters', () => {
    expect(quotePattern('^a$')).toBe('"^a$"');
    expect(quotePattern('x'.repeat(200))).toBe(`"${'x'.repeat(79)}…"`);
  });
});
