import { describe, expect, it } from 'vitest';
import { QUICK_FIX_TITLES } from '@/lib/tool-formats/rules';
import { lintTools, type LintProblem } from './lint';
import { withoutRepeats } from './lint-rules';

const pretty = (value: unknown) => JSON.stringify(value, null, 2);
const tool = (name: string, parameters: unknown, strict?: boolean) => ({ type: 'function', function: { name, parameters, ...(strict === undefined ? {} : { strict }) } });

/** The text a problem's range covers (single-line ranges). */
function covered(text: string, p: LintProblem): string {
  const line = text.split('\n')[p.startLineNumber - 1];
  return p.endLineNumber === p.startLineNumber ? line.slice(p.startColumn - 1, p.endColumn - 1) : line.slice(p.startColumn - 1);
}

const byRule = (problems: LintProblem[], rule: string) => problems.filter((p) => p.rule === rule);

describe('provider rules in the lint', () => {
  it('a strict tool without additionalProperties: false is an OpenAI strict mode error with its fix, at the object', async () => {
    // A first tool so the finding's tool index and line are not trivially the first.
    const text = pretty([tool('plain', { type: 'object', properties: {} }), tool('lookup', { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] }, true)]);
    const lint = await lintTools(text);
    const found = byRule(lint.problems, 'openai-strict/additional-properties');
    expect(found).toHaveLength(1);
    const [problem] = found;
    expect(problem).toMatchObject({
      severity: 'error',
      source: 'OpenAI strict mode',
      toolIndex: 1,
      fix: { id: 'make-strict', toolIndex: 1, title: QUICK_FIX_TITLES['make-strict'] },
    });
    expect(problem.message).toBe('lookup: strict mode needs "additionalProperties": false on every object.');
    // The marker sits on the opening brace of tool 2's "parameters", one character wide.
    const lines = text.split('\n');
    const paramsLine = lines.findIndex((line, i) => i > lines.findIndex((l) => l.includes('"lookup"')) && line.includes('"parameters": {')) + 1;
    expect(problem.startLineNumber).toBe(paramsLine);
    expect(problem.startColumn).toBe(lines[paramsLine - 1].indexOf('{') + 1);
    expect([problem.endLineNumber, problem.endColumn]).toEqual([paramsLine, problem.startColumn + 1]);
    expect(covered(text, problem)).toBe('{');
    expect(lint.tools).toBeNull();
    // Not strict: no strict-mode findings at all.
    const relaxed = await lintTools(pretty([tool('lookup', { type: 'object', properties: { q: { type: 'string' } } }, false)]));
    expect(relaxed.problems.filter((p) => p.source === 'OpenAI strict mode')).toEqual([]);
  });

  it('points a wrong additionalProperties value at the value, and a missing required at the properties key', async () => {
    const text = pretty([tool('f', { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true }, true)]);
    const lint = await lintTools(text);
    const [additional] = byRule(lint.problems, 'openai-strict/additional-properties');
    expect(covered(text, additional)).toBe('true');
    expect(additional.message).toMatch(/, not true\.$/);
    const [required] = byRule(lint.problems, 'openai-strict/required-all');
    expect(covered(text, required)).toBe('"properties"');
    expect(required.fix?.id).toBe('make-strict');
  });

  it('targets ["gemini"] add the Gemini findings that [] does not', async () => {
    const text = pretty([tool('f', { type: 'object', properties: { a: { type: 'string', const: 'x' }, n: { type: ['string', 'null'] } }, additionalProperties: false })]);
    const none = await lintTools(text, []);
    const gemini = await lintTools(text, ['gemini']);
    expect(none.problems.filter((p) => p.source?.startsWith('Gemini'))).toEqual([]);
    expect(none.errorCount).toBe(0);
    const found = gemini.problems.filter((p) => p.source === 'Gemini schema subset');
    expect(found.map((p) => [p.rule, covered(text, p)])).toEqual([
      ['gemini/unsupported-keyword', '"const"'],
      ['gemini/type', '['],
      ['gemini/unsupported-keyword', '"additionalProperties"'],
    ]);
    expect(found.every((p) => p.fix?.id === 'gemini-subset' && p.fix.title === QUICK_FIX_TITLES['gemini-subset'])).toBe(true);
    expect(gemini.tools).toBeNull();
  });

  it('a name Gemini refuses is a Gemini finding with its rename fix, only for the gemini target', async () => {
    const text = pretty([tool('1st', { type: 'object', properties: {} })]);
    expect(byRule((await lintTools(text, [])).problems, 'gemini/name')).toEqual([]);
    const [problem] = byRule((await lintTools(text, ['gemini'])).problems, 'gemini/name');
    expect(problem).toMatchObject({ source: 'Gemini', fix: { id: 'rename-for-gemini', toolIndex: 0 } });
    expect(covered(text, problem)).toBe('"1st"');
  });

  it('keeps the fix-carrying rule where Ajv\'s meta-schema error sits at the same place', async () => {
    const text = pretty([tool('f', { type: 'object', properties: { a: { type: 'string' } }, required: 'a' })]);
    const lint = await lintTools(text);
    const at = lint.problems.filter((p) => covered(text, p) === '"a"' && p.startLineNumber === text.split('\n').findIndex((l) => l.includes('"required"')) + 1);
    expect(at).toHaveLength(1);
    expect(at[0]).toMatchObject({ rule: 'json-schema/required-array', source: 'JSON Schema', fix: { id: 'drop-undefined-required', toolIndex: 0 } });
    expect(lint.problems.some((p) => p.message.includes('is not a valid JSON Schema'))).toBe(false);
  });

  it('does not report twice what the lint checks itself: the name pattern and the tool count', async () => {
    const named = pretty([tool('get weather', { type: 'object', properties: {} })]);
    const lint = await lintTools(named, ['openai', 'anthropic', 'mistral']);
    expect(lint.problems.map((p) => p.message)).toEqual(['Tool 1: name "get weather" must match ^[a-zA-Z0-9_-]{1,64}$.']);
    expect(byRule(lint.problems, 'function-name/pattern')).toEqual([]);

    const many = pretty(Array.from({ length: 129 }, (_, i) => tool(`t${i}`, { type: 'object', properties: {} })));
    const counted = await lintTools(many, ['openai']);
    expect(byRule(counted.problems, 'openai/max-tools')).toEqual([]);
    expect(counted.problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual(['There are 129 tools; the API accepts at most 128.']);
  });
});

describe('withoutRepeats', () => {
  const at = (line: number, column: number, extra: Partial<LintProblem> = {}) => ({ startLineNumber: line, startColumn: column, ...extra });
  const fix = { id: 'make-strict' as const, toolIndex: 0, title: QUICK_FIX_TITLES['make-strict'] };

  it('drops a rule-less problem at a place where a fix-carrying one is, and nothing else', () => {
    const ajv = at(3, 5, { message: 'meta-schema' } as Partial<LintProblem>);
    const fixed = at(3, 5, { rule: 'json-schema/required-array', fix });
    const otherRule = at(3, 5, { rule: 'openai-strict/type-required' });
    const elsewhere = at(4, 5);
    expect(withoutRepeats([ajv, fixed, otherRule, elsewhere])).toEqual([fixed, otherRule, elsewhere]);
  });

  it('returns the same list when no problem has a fix', () => {
    const list = [at(1, 1), at(1, 1)];
    expect(withoutRepeats(list)).toBe(list);
  });
});
