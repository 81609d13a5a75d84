/**
 * The whole BFCL corpus (../shared/corpus/bfcl, beside the repository) through every export target and
 * back: each function imports as BFCL, and after export → import it equals the original in everything
 * the target can hold (names, descriptions, property names, types, enums, required), except where the
 * export's report says it changed something.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRecord } from '@/lib/util/json';
import type { Tool } from '@/lib/wire/chat';
import { exportTools } from './export';
import { importTools } from './import';
import type { ExportTarget, FormatChange, ImportResult } from './types';

const CORPUS = path.resolve(process.cwd(), '../shared/corpus/bfcl');
const FILES = ['BFCL_v4_simple_python.json', 'BFCL_v4_multiple.json', 'BFCL_v4_parallel.json', 'BFCL_v4_parallel_multiple.json', 'BFCL_v4_irrelevance.json'];
/** Targets whose schemas come back as they went. */
const FAITHFUL: ExportTarget[] = ['openai', 'anthropic', 'mcp'];
/** Targets that rewrite schemas (strict mode's nullable optionals, Gemini's subset): compared after normalising. */
const REWRITING: ExportTarget[] = ['openai-strict', 'gemini'];

interface Line {
  id: string;
  functions: number;
  result: ImportResult;
}

function load(file: string): Line[] {
  const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const value = JSON.parse(line) as { id: string; function: unknown[] };
      const result = importTools(value);
      if ('error' in result) throw new Error(`${value.id}: ${result.error}`);
      return { id: value.id, functions: value.function.length, result };
    });
}

const corpus = FILES.map((file) => ({ file, lines: load(file) }));

function tools(result: ImportResult): Tool[] {
  return result.tools.map((imported) => imported.tool);
}

function roundTrip(original: Tool[], target: ExportTarget): { back: Tool[]; changes: FormatChange[] } {
  const exported = exportTools(original, target);
  const back = importTools(JSON.parse(JSON.stringify(exported.value)));
  if ('error' in back) throw new Error(back.error);
  return { back: tools(back), changes: exported.changes };
}

/** A report's path as a place in `parameters` (the targets call it input_schema or inputSchema, or start below it). */
function reportedPath(change: FormatChange): string | undefined {
  if (!change.path) return undefined;
  const at = change.path.replace(/^(input_schema|inputSchema)(?=$|[.[])/, 'parameters');
  return /^parameters(?=$|[.[])/.test(at) ? at : `parameters.${at}`;
}

function types(schema: Record<string, unknown>): string[] {
  const declared = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  // A union written as anyOf of bare types (how a rewriting target may spell a type list) counts as the list.
  const branches = Array.isArray(schema.anyOf) && schema.anyOf.every((branch) => isRecord(branch) && Object.keys(branch).every((key) => key === 'type')) ? schema.anyOf.map((branch) => (branch as { type: unknown }).type) : [];
  return [...new Set([...declared, ...branches].map((type) => String(type).toLowerCase()).filter((type) => type !== 'null'))].sort();
}

/** Where the two schemas differ in what the target can hold; places the report names are skipped. */
function differences(original: unknown, back: unknown, at: string, reported: string[], rewriting: boolean, out: string[]): void {
  const covered = (place: string) => reported.some((path) => path !== 'parameters' && (place === path || place.startsWith(`${path}.`) || place.startsWith(`${path}[`)));
  if (covered(at) || !isRecord(original)) return;
  if (!isRecord(back)) {
    out.push(`${at}: gone`);
    return;
  }
  const differ = (keyword: string, a: unknown, b: unknown) => {
    if (!covered(`${at}.${keyword}`) && JSON.stringify(a) !== JSON.stringify(b)) out.push(`${at}.${keyword}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
  };
  differ('type', types(original), types(back));
  const withoutNull = (list: unknown) => (Array.isArray(list) ? list.filter((item) => !rewriting || item !== null) : list);
  differ('enum', withoutNull(original.enum), withoutNull(back.enum));
  const required = ((original.required as string[] | undefined) ?? []).slice().sort();
  const requiredBack = ((back.required as string[] | undefined) ?? []).slice().sort();
  // Strict mode requires every property (the optional ones accept null instead).
  differ('required', required, rewriting ? required.filter((name) => requiredBack.includes(name)) : requiredBack);
  const description = typeof back.description === 'string' && rewriting && typeof original.description === 'string' && back.description.startsWith(original.description) ? original.description : back.description;
  differ('description', original.description, description);
  const properties = isRecord(original.properties) ? original.properties : {};
  const propertiesBack = isRecord(back.properties) ? back.properties : {};
  differ('properties', Object.keys(properties).sort(), Object.keys(propertiesBack).sort());
  for (const [name, schema] of Object.entries(properties)) differences(schema, propertiesBack[name], `${at}.properties.${name}`, reported, rewriting, out);
  differences(original.items, back.items, `${at}.items`, reported, rewriting, out);
}

describe('the BFCL corpus through every target and back', () => {
  it('imports every function of every file as BFCL', () => {
    for (const { lines } of corpus) {
      for (const line of lines) {
        expect(line.result.format, line.id).toBe('bfcl');
        expect(line.result.tools.length, line.id).toBe(line.functions);
      }
    }
    expect(corpus.reduce((sum, { lines }) => sum + lines.length, 0)).toBe(1240);
  });

  it.each(FAITHFUL)('%s: every tool comes back the same', (target) => {
    for (const { lines } of corpus) {
      for (const line of lines) {
        const original = tools(line.result);
        const { back, changes } = roundTrip(original, target);
        expect(back, `${line.id} ${JSON.stringify(changes)}`).toEqual(original);
      }
    }
  });

  it.each(REWRITING)('%s: nothing lost that the target can hold, but what the report says', (target) => {
    const problems: string[] = [];
    for (const { lines } of corpus) {
      for (const line of lines) {
        const original = tools(line.result);
        const { back, changes } = roundTrip(original, target);
        if (back.length !== original.length) problems.push(`${line.id}: ${original.length} tools → ${back.length}`);
        original.forEach(({ function: fn }, index) => {
          const returned = back[index]?.function;
          const name = returned?.name ?? '(none)';
          const ofTool = changes.filter((change) => change.tool === name || change.tool === fn.name);
          if (name !== fn.name && !ofTool.some((change) => change.path === 'name')) problems.push(`${line.id}: ${fn.name} came back as ${name}`);
          if (returned?.description !== fn.description && !ofTool.some((change) => change.path === 'description')) problems.push(`${line.id} ${fn.name}: description changed`);
          const reported = ofTool.map(reportedPath).filter((at): at is string => at !== undefined);
          const found: string[] = [];
          differences(fn.parameters, returned?.parameters, 'parameters', reported, true, found);
          problems.push(...found.map((difference) => `${line.id} ${fn.name} ${difference}`));
        });
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });
});
