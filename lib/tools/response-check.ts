/**
 * A model's text answer against the request's `response_format`: JSON or not (and where it stops being
 * JSON), an object for `json_object`, and for `json_schema` valid against the schema — with the same Ajv,
 * linear-time patterns and wording as the arguments check (./arguments.ts). Also whether a json_schema
 * format's schema compiles, and what OpenAI's strict mode asks of it. Framework-free. Ajv loads on first
 * use (./schema-engine-loader.ts): the plain functions are async, the `…IfLoaded` ones synchronous (null
 * while Ajv is not loaded and the check needs it).
 */
import type { ResponseFormat } from '@/lib/wire/chat';
import { isRecord } from '@/lib/util/json';
import { describe, uncheckedNotes, validatorFor } from './arguments';
import { parseJsonWithRanges } from './json-ranges';
import { isEvalBlocked } from './lint';
import { loadedSchemaEngine, loadSchemaEngine, type SchemaEngine } from './schema-engine-loader';

export type ResponseCheck =
  | { kind: 'none' }
  | { kind: 'valid'; summary: string }
  | { kind: 'invalid'; summary: string; errors: string[] };

export interface ResponseSchemaCheck {
  ok: boolean;
  /** One line: "The schema compiles…", or the first problem. */
  summary: string;
  problems: string[];
}

/** Longer answers are not parsed or validated (they would hold the page). */
export const MAX_CHECKED_CHARS = 1_000_000;
/** Errors listed at most; the rest are counted. */
export const MAX_ERRORS = 20;
const MAX_STRICT_DEPTH = 32;

/** Checks the answer; a json_schema format loads Ajv first. */
export async function checkResponseFormat(content: string | null, format: ResponseFormat | undefined): Promise<ResponseCheck> {
  return check(format?.type === 'json_schema' ? await loadSchemaEngine() : null, content, format);
}

/** The same, synchronously: null only when the format has a schema and Ajv has not loaded yet. */
export function checkResponseFormatIfLoaded(content: string | null, format: ResponseFormat | undefined): ResponseCheck | null {
  const engine = loadedSchemaEngine();
  if (!engine && format?.type === 'json_schema' && format.json_schema.schema !== undefined) return null;
  return check(engine, content, format);
}

function check(engine: SchemaEngine | null, content: string | null, format: ResponseFormat | undefined): ResponseCheck {
  // No format asks for JSON, or the turn has no text (its tool calls are checked on their own).
  if (!format || format.type === 'text' || content === null) return { kind: 'none' };
  if (content.length > MAX_CHECKED_CHARS) {
    return invalid([`The answer is too long to check (${count(content.length)} characters; the check reads at most ${count(MAX_CHECKED_CHARS)})`]);
  }
  if (content.trim() === '') return invalid(['The answer is empty, not JSON']);
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return invalid([`The answer is not JSON: ${whereItFails(content)}`]);
  }
  const schema = format.type === 'json_schema' ? format.json_schema.schema : undefined;
  if (format.type === 'json_object' || schema === undefined) {
    if (!isRecord(value)) return invalid([`The answer is JSON but not an object (it is ${kindOf(value)})`]);
    return { kind: 'valid', summary: format.type === 'json_object' ? 'The answer is a JSON object' : 'The answer is a JSON object (the format gives no schema)' };
  }
  const name = format.type === 'json_schema' ? format.json_schema.name : '';
  const validator = validatorFor(engine!, schema);
  if (validator instanceof Error) {
    return invalid([
      isEvalBlocked(validator)
        ? `The answer could not be checked: this page's Content-Security-Policy forbids compiling the schema ('unsafe-eval')`
        : `The schema "${name}" is not a valid JSON Schema, so the answer was not checked (${validator.message})`,
    ]);
  }
  const { validate, unchecked } = validator;
  const { result: valid, skipped } = engine!.collectUnchecked(() => validate(value));
  const notes = uncheckedNotes(unchecked, skipped);
  if (valid) return { kind: 'valid', summary: [`The answer matches the schema "${name}"`, ...notes].join('; ') };
  const errors = [...new Set((validate.errors ?? []).map((error) => describe(error, 'The answer')))];
  return invalid([...errors, ...notes.map((note) => note.charAt(0).toUpperCase() + note.slice(1))]);
}

function invalid(all: string[]): ResponseCheck {
  const errors = all.length > MAX_ERRORS ? [...all.slice(0, MAX_ERRORS - 1), `${all.length - MAX_ERRORS + 1} more problems`] : all;
  return { kind: 'invalid', summary: errors[0], errors };
}

/** "this string is never closed: add the missing \" (line 1, column 12)". */
function whereItFails(text: string): string {
  const parsed = parseJsonWithRanges(text);
  if (!('error' in parsed)) return 'it cannot be read as JSON';
  const before = text.slice(0, parsed.error.offset);
  const line = before.split('\n').length;
  const column = parsed.error.offset - before.lastIndexOf('\n');
  return `${parsed.error.message} (line ${line}, column ${column})`;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Whether a json_schema format's schema compiles and, with `strict`, meets what OpenAI's strict mode needs. */
export async function checkResponseSchema(schema: unknown, strict = false): Promise<ResponseSchemaCheck> {
  return checkSchema(await loadSchemaEngine(), schema, strict);
}

export function checkResponseSchemaIfLoaded(schema: unknown, strict = false): ResponseSchemaCheck | null {
  const engine = loadedSchemaEngine();
  return engine ? checkSchema(engine, schema, strict) : null;
}

function checkSchema(engine: SchemaEngine, schema: unknown, strict: boolean): ResponseSchemaCheck {
  if (!isRecord(schema)) return failed(['The schema must be a JSON object']);
  const validator = validatorFor(engine, schema);
  const problems: string[] = [];
  if (validator instanceof Error) {
    problems.push(
      isEvalBlocked(validator)
        ? `The schema could not be compiled here: this page's Content-Security-Policy forbids it ('unsafe-eval')`
        : `The schema is not a valid JSON Schema (${validator.message})`,
    );
  }
  if (strict) problems.push(...strictProblems(schema));
  if (!problems.length) return { ok: true, summary: strict ? 'The schema compiles and meets strict mode' : 'The schema compiles', problems };
  return failed(problems);
}

function failed(all: string[]): ResponseSchemaCheck {
  const problems = all.length > MAX_ERRORS ? [...all.slice(0, MAX_ERRORS - 1), `${all.length - MAX_ERRORS + 1} more problems`] : all;
  return { ok: false, summary: problems[0], problems };
}

/**
 * OpenAI strict mode, briefly: the root is an object (not `anyOf`), and every object has
 * `additionalProperties: false` and lists all its properties in `required`.
 */
export function strictProblems(schema: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (schema.type !== 'object') problems.push('Strict mode needs the root to be "type": "object"');
  if ('anyOf' in schema) problems.push('Strict mode does not allow "anyOf" at the root');
  walk(schema, '', problems, 0);
  return problems;
}

function walk(schema: Record<string, unknown>, path: string, problems: string[], depth: number): void {
  if (depth > MAX_STRICT_DEPTH || problems.length > MAX_ERRORS) return;
  const at = path ? ` at ${path}` : ' at the root';
  const properties = isRecord(schema.properties) ? schema.properties : undefined;
  const isObject = schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object')) || properties !== undefined;
  if (isObject) {
    if (schema.additionalProperties !== false) problems.push(`Strict mode needs "additionalProperties": false${at}`);
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    const missing = Object.keys(properties ?? {}).filter((key) => !required.has(key));
    if (missing.length) problems.push(`Strict mode needs every property required${at}: add ${missing.map((key) => `"${key}"`).join(', ')} to "required"`);
  }
  const join = (key: string) => (path ? `${path}.${key}` : key);
  for (const [key, value] of Object.entries(properties ?? {})) if (isRecord(value)) walk(value, join(`properties.${key}`), problems, depth + 1);
  for (const keyword of ['$defs', 'definitions']) {
    const map = schema[keyword];
    if (isRecord(map)) for (const [key, value] of Object.entries(map)) if (isRecord(value)) walk(value, join(`${keyword}.${key}`), problems, depth + 1);
  }
  if (isRecord(schema.items)) walk(schema.items, join('items'), problems, depth + 1);
  for (const keyword of ['anyOf', 'allOf', 'oneOf']) {
    const list = schema[keyword];
    if (Array.isArray(list)) list.forEach((item, i) => isRecord(item) && walk(item, join(`${keyword}[${i}]`), problems, depth + 1));
  }
}
