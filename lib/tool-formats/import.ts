/**
 * Tools from any format (OpenAI, MCP, Anthropic, Gemini, BFCL, OpenAPI, an example) as OpenAI tools, with
 * every change reported per tool. The input is hostile: its depth is bounded before anything walks it,
 * at most LIMITS.maxTools tools are kept, names are made valid and unique, a tool whose schema is no
 * object schema is skipped with a message; nothing throws.
 */
import { wireNames } from '@/lib/evaluate/bfcl-schema';
import { isRecord, own } from '@/lib/util/json';
import type { Tool } from '@/lib/wire/chat';
import { LIMITS } from '@/lib/wire/chat-constants';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '@/lib/wire/json-depth';
import { isAnthropicServerTool, isAnthropicTool, readAnthropic } from './anthropic';
import { isBfclFunctions, isBfclQuestion, readBfcl } from './bfcl';
import { describeValue, type DraftReader, type DraftRead, type Note, type ToolDraft } from './draft';
import { readExample } from './example';
import { isGeminiTools, readGemini } from './gemini';
import { isMcpTool, readMcp } from './mcp';
import { importOpenApi } from './openapi';
import { isOpenAiTool, readOpenAi } from './openai-tools';
import type { FormatChange, ImportedTool, ImportFormat, ImportResult } from './types';

const READERS: Record<Exclude<ImportFormat, 'openapi'>, DraftReader> = {
  openai: readOpenAi,
  mcp: readMcp,
  anthropic: readAnthropic,
  gemini: readGemini,
  bfcl: readBfcl,
  example: readExample,
};

/** Levels the formats' wrappings add above a schema (a request's tools[i].functionDeclarations[j].parameters). */
const WRAPPING_LEVELS = 8;
/** Changes shown at most: a list of a million non-tools would otherwise make a million lines. */
const MAX_CHANGES = 500;
/** What the wire format accepts for a function's description. */
const MAX_DESCRIPTION = 10_000;

export function importTools(value: unknown, format: ImportFormat | 'auto' = 'auto'): ImportResult | { error: string } {
  if (typeof value !== 'object' || value === null) return { error: `Tools are a JSON object or list; this is ${describeValue(value)}.` };
  if (nestedDeeperThan(value, MAX_JSON_DEPTH + WRAPPING_LEVELS)) {
    return { error: `The input is nested deeper than ${MAX_JSON_DEPTH + WRAPPING_LEVELS} levels: no tool schema needs that many.` };
  }
  const chosen = format === 'auto' ? detectFormat(value) : format;
  if (typeof chosen !== 'string') return chosen;
  if (chosen === 'openapi') return openApi(value);
  const read = READERS[chosen](value);
  return 'error' in read ? read : { format: chosen, ...finish(read) };
}

/** Which format the value is in, from its shape; an object that is none is an example. */
export function detectFormat(value: unknown): ImportFormat | { error: string } {
  if (isRecord(value) && (Object.hasOwn(value, 'openapi') || Object.hasOwn(value, 'swagger'))) return 'openapi';
  if (isRecord(value) && Object.hasOwn(value, 'jsonrpc')) return 'mcp';
  if (isGeminiTools(value)) return 'gemini';
  if (isBfclQuestion(value) || isBfclFunctions(value)) return 'bfcl';
  const wrapped = isRecord(value) ? (own(value, 'tools') ?? own(value, 'functions')) : undefined;
  if (wrapped !== undefined && !Array.isArray(wrapped)) return { error: `"tools" is ${describeValue(wrapped)}: expected a list of tools.` };
  const entries = Array.isArray(value) ? value : (wrapped ?? [value]);
  const records = (entries as unknown[]).filter(isRecord);
  if (records.some(isMcpTool)) return 'mcp';
  if (records.some((record) => isAnthropicTool(record) || isAnthropicServerTool(record))) return 'anthropic';
  if (records.some(isOpenAiTool) || entries.length === 0) return 'openai';
  if (Array.isArray(value)) {
    return { error: 'A list, but not of tools in a known format (OpenAI, MCP, Anthropic, Gemini, BFCL): each entry needs a name and a schema.' };
  }
  return 'example';
}

function openApi(value: object): ImportResult | { error: string } {
  if (!isRecord(value)) return { error: 'An OpenAPI document is a JSON object; this is a list.' };
  if (own(value, 'openapi') === undefined && own(value, 'swagger') !== undefined) {
    return { error: 'This is a Swagger 2.0 document: convert it to OpenAPI 3.x first (e.g. with swagger2openapi), then import that.' };
  }
  return { format: 'openapi', ...importOpenApi(value) };
}

/** The readers' drafts as checked OpenAI tools, the same way for every format. */
function finish(read: DraftRead): { tools: ImportedTool[]; changes: FormatChange[] } {
  const changes = [...read.changes];
  const drafts = read.drafts.slice(0, LIMITS.maxTools);
  if (read.drafts.length > drafts.length) {
    changes.push({ tool: null, message: `${read.drafts.length - drafts.length} more tools left out: at most ${LIMITS.maxTools} tools are sent with a request.` });
  }
  const names = uniqueNames(drafts.map((draft) => draft.name));
  const tools: ImportedTool[] = [];
  drafts.forEach((draft, index) => {
    const { name, reason } = names[index];
    const notes: Note[] = [...(reason ? [{ path: 'name', message: `Renamed from ${JSON.stringify(draft.name)}: ${reason}.` }] : []), ...draft.notes];
    const tool = checkedTool(draft, name, notes);
    changes.push(...notes.map((note) => ({ tool: name, ...note })));
    if (tool) tools.push(tool);
  });
  if (read.drafts.length === 0) changes.push({ tool: null, message: 'No tools found in the input.' });
  if (changes.length <= MAX_CHANGES) return { tools, changes };
  const shown = changes.slice(0, MAX_CHANGES);
  shown.push({ tool: null, message: `${changes.length - MAX_CHANGES} more changes not listed.` });
  return { tools, changes: shown };
}

/** Wire names (lib/evaluate's mapping), then a name two tools share numbered. */
function uniqueNames(names: string[]): Array<{ name: string; reason?: string }> {
  const wire = wireNames(names);
  const taken = new Set<string>();
  return names.map((original) => {
    const base = wire.get(original) ?? original;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base.slice(0, 64 - String(n).length - 1)}_${n}`;
    taken.add(name);
    if (name !== base) return { name, reason: 'another tool has that name' };
    return name === original ? { name } : { name, reason: 'function names allow only letters, digits, _ and -, at most 64' };
  });
}

/** The draft as a tool, or null (reported) when its schema cannot be one. */
function checkedTool(draft: ToolDraft, name: string, notes: Note[]): ImportedTool | null {
  const parameters = checkedParameters(draft.parameters, notes);
  if (parameters === null) return null;
  const fn: Tool['function'] = { name };
  const description = checkedDescription(draft.description, notes);
  if (description !== undefined) fn.description = description;
  if (parameters !== undefined) fn.parameters = parameters;
  if (typeof draft.strict === 'boolean') fn.strict = draft.strict;
  else if (draft.strict !== undefined) notes.push({ path: 'strict', message: `strict is ${describeValue(draft.strict)}, not true or false: dropped.` });
  const imported: ImportedTool = { tool: { type: 'function', function: fn } };
  const resultSchema = checkedSchema(draft.resultSchema, 'resultSchema', 'The result schema', notes);
  if (resultSchema !== undefined) imported.resultSchema = resultSchema;
  if (isRecord(draft.annotations)) imported.annotations = draft.annotations;
  else if (draft.annotations !== undefined) notes.push({ path: 'annotations', message: `annotations is ${describeValue(draft.annotations)}, not an object: dropped.` });
  return imported;
}

/** undefined: no parameters (a function without arguments); null: the tool cannot be imported. */
function checkedParameters(parameters: unknown, notes: Note[]): Record<string, unknown> | undefined | null {
  if (parameters === undefined) return undefined;
  const skip = (why: string) => {
    notes.push({ path: 'parameters', message: `${why}: the tool is not imported.` });
    return null;
  };
  if (!isRecord(parameters)) return skip(`The parameters are ${describeValue(parameters)}, not a JSON Schema object`);
  if (nestedDeeperThan(parameters, MAX_JSON_DEPTH)) return skip(`The parameters schema is nested deeper than ${MAX_JSON_DEPTH} levels`);
  const type = own(parameters, 'type');
  if (type === undefined) {
    notes.push({ path: 'parameters.type', message: 'type "object" added: a function takes its arguments as one object.' });
    return { type: 'object', ...parameters };
  }
  if (type !== 'object') return skip(`The parameters schema is type ${JSON.stringify(type)}: a function's arguments are one object (type "object")`);
  return parameters;
}

function checkedDescription(description: unknown, notes: Note[]): string | undefined {
  if (description === undefined || description === null) return undefined;
  if (typeof description !== 'string') {
    notes.push({ path: 'description', message: `The description is ${describeValue(description)}, not text: dropped.` });
    return undefined;
  }
  if (description.length <= MAX_DESCRIPTION) return description;
  notes.push({ path: 'description', message: `The description is cut to ${MAX_DESCRIPTION} characters (it had ${description.length}).` });
  return description.slice(0, MAX_DESCRIPTION);
}

/** A schema kept beside the tool (its result schema): an object within the depth limit, or dropped. */
function checkedSchema(schema: unknown, path: string, what: string, notes: Note[]): Record<string, unknown> | undefined {
  if (schema === undefined) return undefined;
  if (!isRecord(schema)) notes.push({ path, message: `${what} is ${describeValue(schema)}, not a JSON Schema object: dropped.` });
  else if (nestedDeeperThan(schema, MAX_JSON_DEPTH)) notes.push({ path, message: `${what} is nested deeper than ${MAX_JSON_DEPTH} levels: dropped.` });
  else return schema;
  return undefined;
}
