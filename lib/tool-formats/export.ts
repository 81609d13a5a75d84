/**
 * The tools written for another API or protocol, each valid for its target, with every change reported:
 * OpenAI as is or made strict, Anthropic's `input_schema` list, Gemini's `functionDeclarations` (the
 * OpenAPI subset, types written as Gemini's Schema reference lists them), MCP's `tools/list` result.
 */
import { isRecord, own } from '@/lib/util/json';
import type { Tool } from '@/lib/wire/chat';
import { toGeminiSubset } from './gemini-subset';
import { mapSchema } from '@/lib/util/schema-keywords';
import { makeStrict } from './strict';
import type { ExportResult, ExportTarget, FormatChange } from './types';

export interface ExportExtras {
  /** Function name → its result schema (MCP's `outputSchema`). */
  resultSchemas?: Record<string, unknown>;
  /** Function name → MCP annotations (readOnlyHint, destructiveHint, …). */
  annotations?: Record<string, Record<string, unknown>>;
}

/** Gemini's rule for function names: a letter or underscore first, then letters, digits, _ . : -. */
export const GEMINI_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;

/** What Anthropic and MCP require of a tool without arguments: an object schema all the same. */
function noArguments(): Record<string, unknown> {
  return { type: 'object', properties: {} };
}

export function exportTools(tools: Tool[], target: ExportTarget, extras: ExportExtras = {}): ExportResult {
  const changes: FormatChange[] = [];
  const value = WRITERS[target](tools, changes, extras);
  return { target, value, changes };
}

type Writer = (tools: Tool[], changes: FormatChange[], extras: ExportExtras) => unknown;

const WRITERS: Record<ExportTarget, Writer> = {
  openai: (tools) => tools,
  'openai-strict': (tools, changes) =>
    tools.map(({ function: fn }) => {
      const strict = makeStrict(fn.parameters ?? noArguments(), fn.name);
      changes.push(...strict.changes.map((change) => ({ ...change, tool: change.tool ?? fn.name })));
      return { type: 'function', function: { ...fn, parameters: strict.schema, strict: true } };
    }),
  anthropic: (tools, changes) =>
    tools.map(({ function: fn }) => {
      droppedStrict(fn, 'Anthropic', changes);
      return { name: fn.name, ...described(fn), input_schema: objectSchema(fn, 'input_schema', changes) };
    }),
  gemini: (tools, changes) => ({ functionDeclarations: geminiDeclarations(tools, changes) }),
  mcp: (tools, changes, extras) => ({
    tools: tools.map(({ function: fn }) => {
      droppedStrict(fn, 'MCP', changes);
      const outputSchema = mcpOutputSchema(fn.name, extras, changes);
      const annotations = extras.annotations && own(extras.annotations, fn.name);
      return {
        name: fn.name,
        ...described(fn),
        inputSchema: objectSchema(fn, 'inputSchema', changes),
        ...(outputSchema ? { outputSchema } : {}),
        ...(isRecord(annotations) ? { annotations } : {}),
      };
    }),
  }),
};

function described(fn: Tool['function']): { description?: string } {
  return fn.description !== undefined ? { description: fn.description } : {};
}

function droppedStrict(fn: Tool['function'], target: string, changes: FormatChange[]): void {
  if (fn.strict !== undefined) changes.push({ tool: fn.name, path: 'strict', message: `strict dropped: ${target} tools have no such field.` });
}

/** The parameters as a schema with `type: "object"` at the top, as Anthropic and MCP require. */
function objectSchema(fn: Tool['function'], field: string, changes: FormatChange[]): Record<string, unknown> {
  const { parameters } = fn;
  if (parameters === undefined) {
    changes.push({ tool: fn.name, path: field, message: `${field} added (no properties): the tool takes no arguments, and ${field} is required.` });
    return noArguments();
  }
  if (own(parameters, 'type') === 'object') return parameters;
  changes.push({ tool: fn.name, path: `${field}.type`, message: `type "object" set at the top of ${field}, as it must be.` });
  return { ...parameters, type: 'object' };
}

function mcpOutputSchema(name: string, extras: ExportExtras, changes: FormatChange[]): Record<string, unknown> | undefined {
  const schema = extras.resultSchemas && own(extras.resultSchemas, name);
  if (schema === undefined) return undefined;
  if (isRecord(schema) && own(schema, 'type') === 'object') return schema;
  changes.push({ tool: name, path: 'outputSchema', message: 'The result schema is left out: MCP\'s outputSchema must be an object schema (type "object").' });
  return undefined;
}

function geminiDeclarations(tools: Tool[], changes: FormatChange[]): unknown[] {
  const taken = new Set(tools.map(({ function: fn }) => fn.name).filter((name) => GEMINI_NAME_PATTERN.test(name)));
  return tools.map(({ function: fn }) => {
    const name = geminiName(fn.name, taken);
    if (name !== fn.name) {
      changes.push({ tool: name, path: 'name', message: `Renamed from "${fn.name}": Gemini names start with a letter or an underscore.` });
    }
    droppedStrict({ ...fn, name }, 'Gemini', changes);
    if (fn.parameters === undefined) return { name, ...described(fn) };
    const subset = toGeminiSubset(fn.parameters, name);
    changes.push(...subset.changes.map((change) => ({ ...change, tool: change.tool ?? name })));
    return { name, ...described(fn), parameters: upperCaseTypes(subset.schema) };
  });
}

/** An OpenAI name Gemini accepts: `_` put first when it starts with a digit or `-`; a clash numbered. */
function geminiName(name: string, taken: Set<string>): string {
  if (GEMINI_NAME_PATTERN.test(name)) return name;
  const base = `_${name}`.slice(0, 64);
  let renamed = base;
  for (let n = 2; taken.has(renamed); n++) renamed = `${base.slice(0, 64 - String(n).length - 1)}_${n}`;
  taken.add(renamed);
  return renamed;
}

/** Gemini's Schema reference writes its types `STRING`, `OBJECT`, …; a copy (the schema is depth-bounded). */
export function upperCaseTypes(schema: unknown): unknown {
  return mapSchema(schema, (key, value) => (key === 'type' ? (Array.isArray(value) ? value.map(upper) : upper(value)) : undefined));
}

function upper(type: unknown): unknown {
  return typeof type === 'string' ? type.toUpperCase() : type;
}
