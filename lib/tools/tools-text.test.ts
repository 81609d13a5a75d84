import { beforeAll, describe, expect, it } from 'vitest';
import { applyQuickFix, QUICK_FIX_TITLES } from '@/lib/tool-formats/rules';
import type { Tool } from '@/lib/wire/chat';
import { applyEdit, importEdit, quickFixEdit, strictEdit, type ToolEditResult } from './tools-text';
import { loadSchemaEngine } from './schema-engine-loader';

// Quick fixes come from the lint, so they run once the schema checks (with the rules) have loaded.
beforeAll(async () => {
  await loadSchemaEngine();
});

const fnTool = (name: string, parameters: unknown = { type: 'object', properties: { q: { type: 'string' } } }, extra: Record<string, unknown> = {}) => ({
  type: 'function',
  function: { name, parameters, ...extra },
});

/** Typed by a person: four-space indentation, the first tool on one line, odd spacing around commas. */
const TEXT = `[
    {"type": "function", "function": {"name": "first", "parameters": {"type": "object", "properties": {"a": {"type": "string"}}}}} ,
    ${JSON.stringify(fnTool('second'), null, 2).replace(/\n/g, '\n    ')},
    {"type":"function","function":{"name":"third"}}
]
`;

function edited(text: string, result: ToolEditResult): string {
  if ('error' in result) throw new Error(`expected an edit, got: ${result.error}`);
  return applyEdit(text, result.edit);
}

/** The text outside the edit, as typed. */
function untouched(text: string, result: ToolEditResult) {
  if ('error' in result) throw new Error(result.error);
  return { before: text.slice(0, result.edit.start), after: text.slice(result.edit.end) };
}

describe('quickFixEdit', () => {
  it('rewrites only the fixed tool, keeping the other tools and the layout byte for byte', () => {
    const result = quickFixEdit(TEXT, 'make-strict', 1);
    const next = edited(TEXT, result);
    const { before, after } = untouched(TEXT, result);
    expect(next.startsWith(before)).toBe(true);
    expect(next.endsWith(after)).toBe(true);
    expect(before).toContain('{"type": "function", "function": {"name": "first"');
    expect(after).toBe(',\n    {"type":"function","function":{"name":"third"}}\n]\n');
    const tools = JSON.parse(next) as unknown[];
    const { tools: expected, changes } = applyQuickFix(JSON.parse(TEXT) as unknown[], 'make-strict', 1);
    expect(tools).toEqual(expected);
    expect(tools[0]).toEqual((JSON.parse(TEXT) as unknown[])[0]);
    expect('changes' in result && result.changes).toEqual(changes);
    expect(changes.length).toBeGreaterThan(0);
  });

  it('writes the fixed tool indented where it stands', () => {
    const next = edited(TEXT, quickFixEdit(TEXT, 'make-strict', 1));
    const lines = next.split('\n');
    const start = lines.findIndex((line) => line.includes('"name": "second"')) - 3;
    expect(lines[start]).toBe('    {');
    // Every line of the rewritten tool keeps at least the array's four spaces.
    const end = lines.findIndex((line, i) => i > start && line.startsWith('    }'));
    for (const line of lines.slice(start, end + 1)) expect(line).toMatch(/^ {4}/);
    expect(next).toContain('\n      "function": {\n        "name": "second"');
  });

  it('rewrites a one-line tool in place (the others stay as typed)', () => {
    const next = edited(TEXT, quickFixEdit(TEXT, 'make-strict', 0));
    expect(next).toContain(JSON.stringify(fnTool('second'), null, 2).replace(/\n/g, '\n    '));
    expect(next).toContain('{"type":"function","function":{"name":"third"}}');
    expect(next).toContain('} ,\n');
    expect((JSON.parse(next) as Array<{ function: { parameters: { additionalProperties?: boolean } } }>)[0].function.parameters.additionalProperties).toBe(false);
  });

  it('rename-for-gemini names the tool apart from the others', () => {
    const text = JSON.stringify([fnTool('1st'), fnTool('_1st')], null, 2);
    const result = quickFixEdit(text, 'rename-for-gemini', 0);
    const tools = JSON.parse(edited(text, result)) as Array<{ function: { name: string } }>;
    expect(tools.map((t) => t.function.name)).toEqual(['_1st_2', '_1st']);
    expect('changes' in result && result.changes).toEqual([{ tool: '_1st_2', path: 'name', message: 'renamed from "1st" for Gemini.' }]);
  });

  it('has a title for every quick fix it can apply', () => {
    for (const title of Object.values(QUICK_FIX_TITLES)) expect(title).toMatch(/\S/);
  });

  it('says clearly when the text is not JSON, not an array, or has no such tool', () => {
    expect(quickFixEdit('[{"type": ', 'make-strict', 0)).toEqual({ error: 'The tools are not valid JSON yet: fix the syntax first.' });
    expect(quickFixEdit('{"type": "function"}', 'make-strict', 0)).toEqual({ error: 'The tools must be a JSON array first.' });
    expect(quickFixEdit(TEXT, 'make-strict', 5)).toEqual({ error: 'There is no tool 6 any more.' });
  });
});

describe('strictEdit', () => {
  it('switches strict on in the tool\'s function and nothing else', () => {
    const result = strictEdit(TEXT, 1, true);
    const next = edited(TEXT, result);
    expect('changes' in result && result.changes).toEqual([]);
    const { before, after } = untouched(TEXT, result);
    expect(next.startsWith(before) && next.endsWith(after)).toBe(true);
    const tools = JSON.parse(next) as Array<Record<string, unknown>>;
    expect(tools[1]).toEqual(fnTool('second', undefined, { strict: true }));
    expect(tools[0]).toEqual((JSON.parse(TEXT) as unknown[])[0]);
    expect(tools[2]).toEqual((JSON.parse(TEXT) as unknown[])[2]);
  });

  it('switches strict off by taking the key out (false too)', () => {
    const on = edited(TEXT, strictEdit(TEXT, 2, true));
    expect((JSON.parse(on) as Array<{ function: object }>)[2].function).toEqual({ name: 'third', strict: true });
    const off = edited(on, strictEdit(on, 2, false));
    expect((JSON.parse(off) as Array<{ function: object }>)[2].function).toEqual({ name: 'third' });
    const explicitFalse = JSON.stringify([fnTool('x', undefined, { strict: false })]);
    expect((JSON.parse(edited(explicitFalse, strictEdit(explicitFalse, 0, false))) as Array<{ function: object }>)[0].function).not.toHaveProperty('strict');
  });

  it('keeps the other tools as typed when switching a one-line tool', () => {
    const next = edited(TEXT, strictEdit(TEXT, 2, true));
    const at = TEXT.indexOf('{"type":"function","function":{"name":"third"}}');
    expect(next.slice(0, at)).toBe(TEXT.slice(0, at));
    expect(next.slice(at)).toBe('{\n      "type": "function",\n      "function": {\n        "name": "third",\n        "strict": true\n      }\n    }\n]\n');
  });

  it('says clearly what is wrong', () => {
    expect(strictEdit('nope', 0, true)).toEqual({ error: 'The tools are not valid JSON yet: fix the syntax first.' });
    expect(strictEdit('"tools"', 0, true)).toEqual({ error: 'The tools must be a JSON array first.' });
    expect(strictEdit('[{"type": "function"}]', 0, true)).toEqual({ error: 'Tool 1 has no "function" object to switch.' });
    expect(strictEdit('[]', 0, true)).toEqual({ error: 'Tool 1 has no "function" object to switch.' });
  });
});

describe('importEdit', () => {
  const imported = [fnTool('second'), fnTool('fresh')] as Tool[];

  it('appends after the current tools, renaming a clashing name and reporting the change', () => {
    const result = importEdit(TEXT, imported, 'append');
    if ('error' in result) throw new Error(result.error);
    expect(result.edit).toMatchObject({ start: 0, end: TEXT.length });
    const tools = JSON.parse(applyEdit(TEXT, result.edit)) as Array<{ function: { name: string } }>;
    expect(tools.map((t) => t.function.name)).toEqual(['first', 'second', 'third', 'second_2', 'fresh']);
    expect(result.changes).toEqual([{ tool: 'second_2', message: 'renamed from "second": a tool of that name is already in the editor' }]);
    expect(result.edit.text.endsWith(']\n')).toBe(true);
  });

  it('numbers on past names already taken, including by earlier imports', () => {
    const text = JSON.stringify([fnTool('a'), fnTool('a_2')]);
    const result = importEdit(text, [fnTool('a'), fnTool('a')] as Tool[], 'append');
    if ('error' in result) throw new Error(result.error);
    expect((JSON.parse(result.edit.text) as Array<{ function: { name: string } }>).map((t) => t.function.name)).toEqual(['a', 'a_2', 'a_3', 'a_4']);
    expect(result.changes.map((c) => c.tool)).toEqual(['a_3', 'a_4']);
  });

  it('appends to an empty editor as to []', () => {
    const result = importEdit('  \n', imported, 'append');
    if ('error' in result) throw new Error(result.error);
    expect(JSON.parse(result.edit.text)).toEqual(imported);
    expect(result.changes).toEqual([]);
  });

  it('replaces the whole text, whatever it held, without renaming', () => {
    for (const text of [TEXT, 'not json', '{}']) {
      const result = importEdit(text, imported, 'replace');
      if ('error' in result) throw new Error(result.error);
      expect(result.edit).toEqual({ start: 0, end: text.length, text: `${JSON.stringify(imported, null, 2)}\n` });
      expect(applyEdit(text, result.edit)).toBe(result.edit.text);
      expect(result.changes).toEqual([]);
    }
  });

  it('will not append to text that is not a JSON array, and says Replace would do', () => {
    expect(importEdit('[{', imported, 'append')).toEqual({ error: 'The tools are not valid JSON yet: fix the syntax first.' });
    expect(importEdit('{"tools": []}', imported, 'append')).toEqual({ error: 'The tools must be a JSON array first.' });
  });
});

describe('applyEdit', () => {
  it('replaces the range and keeps the rest', () => {
    expect(applyEdit('abcdef', { start: 2, end: 4, text: 'XYZ' })).toBe('abXYZef');
    expect(applyEdit('abc', { start: 3, end: 3, text: '!' })).toBe('abc!');
    expect(applyEdit('abc', { start: 0, end: 3, text: '' })).toBe('');
  });
});
