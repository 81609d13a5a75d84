/**
 * Gemini function declarations as tools: `{ functionDeclarations: [...] }`, a list of such tool objects, or
 * a request's `{ tools: [...] }`. Gemini's Schema is an OpenAPI subset: its `"STRING"`-style types, its
 * `nullable` and `example` are written the JSON Schema way; `parametersJsonSchema` is JSON Schema already.
 */
import { isRecord, own, setOwn } from '@/lib/util/json';
import { entryName, inlined, noteIgnored, type DraftRead, type Note, type ToolDraft } from './draft';
import { keywordKind } from '@/lib/util/schema-keywords';
import { newInlineBudget, type InlineBudget } from './refs';
import type { FormatChange } from './types';

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']);
const KNOWN = new Set(['name', 'description', 'parameters', 'parametersJsonSchema', 'response', 'responseJsonSchema', 'behavior']);
/** The Python SDK writes the field in snake_case. */
const DECLARATION_KEYS = ['functionDeclarations', 'function_declarations'];

function declarationsOf(record: Record<string, unknown>): unknown {
  for (const key of DECLARATION_KEYS) if (Object.hasOwn(record, key)) return record[key];
  return undefined;
}

export function hasDeclarations(value: unknown): boolean {
  return isRecord(value) && declarationsOf(value) !== undefined;
}

/** Whether the value is a Gemini tool, a list of them, or a request's `{ tools }` holding them. */
export function isGeminiTools(value: unknown): boolean {
  if (hasDeclarations(value)) return true;
  const list = Array.isArray(value) ? value : isRecord(value) && Array.isArray(own(value, 'tools')) ? (value.tools as unknown[]) : [];
  return list.some(hasDeclarations);
}

export function readGemini(value: unknown): DraftRead | { error: string } {
  const tools = hasDeclarations(value) ? [value] : Array.isArray(value) ? value : isRecord(value) ? own(value, 'tools') : undefined;
  if (!Array.isArray(tools) || !tools.some(hasDeclarations)) {
    return { error: 'Not Gemini tools: expected { "functionDeclarations": [ { "name", "description", "parameters" } ] }.' };
  }
  const changes: FormatChange[] = [];
  const drafts: ToolDraft[] = [];
  const budget = newInlineBudget();
  tools.forEach((tool, index) => {
    const declarations = isRecord(tool) ? declarationsOf(tool) : undefined;
    if (declarations === undefined) {
      const kinds = isRecord(tool) ? Object.keys(tool).join(', ') : 'not an object';
      changes.push({ tool: null, message: `tools[${index}] has no functionDeclarations (${kinds}): a Gemini built-in tool, skipped.` });
      return;
    }
    if (!Array.isArray(declarations)) {
      changes.push({ tool: null, message: `tools[${index}].functionDeclarations is not a list: skipped.` });
      return;
    }
    declarations.forEach((declaration, at) => {
      const name = entryName(declaration, `functionDeclarations[${at}]`, changes);
      if (name !== null && isRecord(declaration)) drafts.push(readDeclaration(name, declaration, budget));
    });
  });
  return { drafts, changes };
}

function readDeclaration(name: string, declaration: Record<string, unknown>, budget: InlineBudget): ToolDraft {
  const notes: Note[] = [];
  noteIgnored(declaration, KNOWN, notes);
  const jsonSchema = own(declaration, 'parametersJsonSchema');
  const schema = own(declaration, 'parameters');
  if (jsonSchema !== undefined && schema !== undefined) notes.push({ path: 'parameters', message: 'Both parameters and parametersJsonSchema given: parametersJsonSchema is used.' });
  const parameters = jsonSchema !== undefined ? inlined(jsonSchema, 'parameters', notes, budget) : schema === undefined ? undefined : fromGeminiSchema(schema, 'parameters', notes);
  const responseJson = own(declaration, 'responseJsonSchema');
  const response = own(declaration, 'response');
  const resultSchema = responseJson !== undefined ? inlined(responseJson, 'resultSchema', notes, budget) : response === undefined ? undefined : fromGeminiSchema(response, 'resultSchema', notes);
  if (own(declaration, 'behavior') !== undefined) notes.push({ message: 'behavior dropped: it is how Gemini schedules the call, not part of the tool.' });
  return { name, description: own(declaration, 'description'), parameters, resultSchema, notes };
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** A Gemini Schema as JSON Schema (a copy; the input is depth-bounded by the caller). */
export function fromGeminiSchema(schema: unknown, path: string, notes: Note[]): unknown {
  if (!isRecord(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    const at = join(path, key);
    const kind = keywordKind(key);
    if (key === 'type') {
      const type = jsonType(value);
      if (type === undefined) notes.push({ path: at, message: `type ${JSON.stringify(value)} dropped: it does not constrain the value.` });
      else setOwn(out, key, type);
    } else if (key === 'propertyOrdering') {
      notes.push({ path: at, message: 'propertyOrdering dropped: JSON Schema has no such keyword (the properties keep their order).' });
    } else if (key === 'example') {
      if (!Object.hasOwn(schema, 'examples')) setOwn(out, 'examples', [value]);
      notes.push({ path: at, message: 'example written as examples (the JSON Schema keyword).' });
    } else if (kind === 'map' && isRecord(value)) {
      const map: Record<string, unknown> = {};
      for (const [name, item] of Object.entries(value)) setOwn(map, name, fromGeminiSchema(item, join(at, name), notes));
      setOwn(out, key, map);
    } else if ((kind === 'list' || kind === 'schema') && Array.isArray(value)) {
      setOwn(out, key, value.map((item, index) => fromGeminiSchema(item, `${at}[${index}]`, notes)));
    } else if (kind === 'schema') {
      setOwn(out, key, fromGeminiSchema(value, at, notes));
    } else if (key !== 'nullable') {
      setOwn(out, key, value);
    }
  }
  if (Object.hasOwn(schema, 'nullable')) nullable(out, schema.nullable, join(path, 'nullable'), notes);
  return out;
}

/** `"STRING"` (any case) as `"string"`; undefined for TYPE_UNSPECIFIED. Other values pass for the lint to flag. */
function jsonType(value: unknown): unknown {
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'type_unspecified') return undefined;
    return TYPES.has(lower) ? lower : value;
  }
  return Array.isArray(value) ? value.map((item) => (typeof item === 'string' && TYPES.has(item.toLowerCase()) ? item.toLowerCase() : item)) : value;
}

function nullable(out: Record<string, unknown>, flag: unknown, path: string, notes: Note[]): void {
  if (flag !== true) {
    notes.push({ path, message: `nullable: ${JSON.stringify(flag)} dropped (only nullable: true changes anything).` });
    return;
  }
  const type = own(out, 'type');
  const enumeration = own(out, 'enum');
  if (Array.isArray(enumeration) && !enumeration.includes(null)) out.enum = [...enumeration, null];
  if (typeof type === 'string' || Array.isArray(type)) {
    const types = typeof type === 'string' ? [type] : type;
    out.type = types.includes('null') ? types : [...types, 'null'];
    notes.push({ path, message: `nullable: true written as type ${JSON.stringify(out.type)}.` });
  } else if (Array.isArray(own(out, 'anyOf'))) {
    out.anyOf = [...(out.anyOf as unknown[]), { type: 'null' }];
    notes.push({ path, message: 'nullable: true written as a { "type": "null" } branch of anyOf.' });
  } else {
    notes.push({ path, message: 'nullable: true dropped: with no type here the schema already accepts null.' });
  }
}
