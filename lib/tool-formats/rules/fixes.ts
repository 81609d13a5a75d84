/** The quick fixes: each rewrites one tool and reports every change, leaving the input untouched. */
import { isRecord } from '@/lib/util/json';
import { toGeminiSubset } from '../gemini-subset';
import { inlineRefs } from '../refs';
import { makeStrict } from '../strict';
import type { FormatChange } from '../types';
import { addObjectType, cleanRequired, fixEnumTypes } from './json-schema';
import { geminiName, otherNames } from './names';
import type { QuickFixId } from './types';

type SchemaFix = (parameters: unknown, tool: string | null) => { schema: unknown; changes: FormatChange[] };

const SCHEMA_FIXES: Record<Exclude<QuickFixId, 'rename-for-gemini'>, SchemaFix> = {
  'make-strict': makeStrict,
  'inline-refs': (parameters, tool) => inlineRefs(parameters, { tool, path: 'parameters' }),
  'gemini-subset': toGeminiSubset,
  'add-object-type': addObjectType,
  'drop-undefined-required': cleanRequired,
  'fix-enum-type': fixEnumTypes,
};

/** The tools with the fix applied to the one at `toolIndex` (a new array; the others are the same objects). */
export function applyQuickFix(tools: readonly unknown[], fix: QuickFixId, toolIndex: number): { tools: unknown[]; changes: FormatChange[] } {
  const next = [...tools];
  const tool = tools[toolIndex];
  if (!isRecord(tool) || !isRecord(tool.function)) return { tools: next, changes: [] };
  const fn = tool.function;
  const name = typeof fn.name === 'string' ? fn.name : null;
  if (fix === 'rename-for-gemini') {
    if (name === null) return { tools: next, changes: [] };
    const renamed = geminiName(name, otherNames(tools, toolIndex));
    next[toolIndex] = { ...tool, function: { ...fn, name: renamed } };
    return { tools: next, changes: renamed === name ? [] : [{ tool: renamed, path: 'name', message: `renamed from "${name}" for Gemini.` }] };
  }
  const { schema, changes } = SCHEMA_FIXES[fix](fn.parameters, name);
  next[toolIndex] = { ...tool, function: { ...fn, parameters: schema } };
  return { tools: next, changes };
}
