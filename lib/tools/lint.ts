/**
 * Checks the Tools editor's text for what Monaco's JSON mode cannot: the OpenAI `tools` shape, names
 * that match ^[a-zA-Z0-9_-]{1,64}$, no duplicates, and `parameters` that compile as JSON Schema (Ajv).
 * Every problem carries a 1-based line/column range (Monaco markers) and a sentence (the list under
 * the editor, and the reason Send is disabled). Ajv and zod load on the first lint (lib/schema-engine-
 * loader.ts), so `lintTools` is async; once they are in, `lintToolsIfLoaded` gives the same synchronously.
 */
import type Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import type { Tool } from '@/lib/wire/chat';
import { FUNCTION_NAME_PATTERN, LIMITS } from '@/lib/wire/chat-constants';
import { lineStarts, nodeAtPath, parseJsonWithRanges, position, toRange, type JsonNode } from './json-ranges';
import { warnUnchecked } from './lint-patterns';
import { addRuleFindings, withoutRepeats, type LintFix } from './lint-rules';
import type { RuleTarget } from '@/lib/tool-formats/rules';
import { loadedSchemaEngine, loadSchemaEngine, type SchemaEngine } from './schema-engine-loader';

export interface LintProblem {
  severity: 'error' | 'warning';
  message: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  /** Whose rule it is, e.g. "OpenAI strict mode" (none: the tools format and JSON Schema itself). */
  source?: string;
  /** The rule's stable id, e.g. "openai-strict/required-all". */
  rule?: string;
  /** The tool a provider rule's finding is about (-1: the conversation). */
  toolIndex?: number;
  fix?: LintFix;
}

export interface ToolsLint {
  /** The tools, when there is no error. */
  tools: Tool[] | null;
  problems: LintProblem[];
  errorCount: number;
}

const NAME_RULE = FUNCTION_NAME_PATTERN.source;
const TOOL_KEYS = new Set(['type', 'function']);
const FUNCTION_KEYS = new Set(['name', 'description', 'parameters', 'strict']);

interface Checkers {
  engine: SchemaEngine;
  ajv: Ajv;
  strictAjv: Ajv;
}
let checkers: Checkers | null = null;

function checkersFor(engine: SchemaEngine): Checkers {
  checkers ??= {
    engine,
    ajv: engine.createAjv({ allErrors: true, strict: false, validateFormats: false, logger: false }),
    strictAjv: engine.createAjv({ strict: true, strictTypes: false, strictTuples: false, strictRequired: false, validateFormats: false, logger: false }),
  };
  return checkers;
}

/** Lints the text; the first call loads the schema checks. */
export async function lintTools(text: string, targets: readonly RuleTarget[] = []): Promise<ToolsLint> {
  return lint(checkersFor(await loadSchemaEngine()), text, targets);
}

/**
 * `lintTools` that never rejects: when the schema checks cannot load (the connection dropped), the
 * result is an error that says so, so Send stays blocked rather than trusting unchecked tools.
 */
export async function lintToolsOrExplain(text: string, targets: readonly RuleTarget[] = []): Promise<ToolsLint> {
  try {
    return await lintTools(text, targets);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `The tools could not be checked: the page could not load its schema checks (${reason}). Check the connection, then edit the tools or reload the page.`;
    return { tools: null, problems: [{ severity: 'error', message, startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 2 }], errorCount: 1 };
  }
}

/** The same as `lintTools`, synchronously, once the schema checks have loaded; null before. */
export function lintToolsIfLoaded(text: string, targets: readonly RuleTarget[] = []): ToolsLint | null {
  const engine = loadedSchemaEngine();
  return engine ? lint(checkersFor(engine), text, targets) : null;
}

function lint(checkers: Checkers, text: string, targets: readonly RuleTarget[]): ToolsLint {
  const { engine } = checkers;
  const lines = lineStarts(text);
  const problems: LintProblem[] = [];
  const add = (severity: LintProblem['severity'], message: string, start: number, end: number, extra: Pick<LintProblem, 'source' | 'rule' | 'toolIndex' | 'fix'> = {}) =>
    problems.push({ severity, message, ...toRange(lines, start, Math.max(end, start + 1)), ...extra });
  const at = (severity: LintProblem['severity'], message: string, node: JsonNode) => add(severity, message, node.offset, node.end);

  if (!text.trim()) {
    add('error', 'The tools are empty: write [] for no tools, or an array of function tools.', 0, 0);
    return done(problems, null);
  }
  const parsed = parseJsonWithRanges(text);
  if ('error' in parsed) {
    const { line, column } = position(lines, parsed.error.offset);
    add('error', `JSON syntax, line ${line}, column ${column}: ${parsed.error.message}`, parsed.error.offset, parsed.error.end);
    return done(problems, null);
  }
  const root = parsed.root;
  if (root.type !== 'array') {
    const hint = root.type === 'object' && root.props?.some((p) => p.key === 'type' || p.key === 'function') ? ' (wrap this tool in [ ])' : '';
    at('error', `The tools must be a JSON array of {"type": "function", "function": {…}} objects${hint}.`, root);
    return done(problems, null);
  }
  const items = root.items ?? [];
  if (items.length > LIMITS.maxTools) at('error', `There are ${items.length} tools; the API accepts at most ${LIMITS.maxTools}.`, root);

  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const label = `Tool ${i + 1}`;
    const before = problems.filter((p) => p.severity === 'error').length;
    if (item.type !== 'object') {
      at('error', `${label}: should be an object like {"type": "function", "function": {"name": …}}.`, item);
      return;
    }
    for (const p of item.props ?? []) {
      if (!TOOL_KEYS.has(p.key)) add('warning', `${label}: "${p.key}" is not part of a tool and is not sent.`, p.keyOffset, p.keyEnd);
    }
    const type = prop(item, 'type');
    if (!type) at('error', `${label}: "type" is missing: add "type": "function".`, opening(item));
    else if (type.value !== 'function') at('error', `${label}: "type" must be "function".`, type);
    const fn = prop(item, 'function');
    if (!fn || fn.type !== 'object') {
      at('error', `${label}: "function" must be an object with a "name".`, fn ?? opening(item));
      return;
    }
    for (const p of fn.props ?? []) {
      if (!FUNCTION_KEYS.has(p.key)) add('warning', `${label}: "function.${p.key}" is not a function field and is not sent.`, p.keyOffset, p.keyEnd);
    }
    const name = prop(fn, 'name');
    const label2 = name && typeof name.value === 'string' ? `${label} (${name.value})` : label;
    if (!name) at('error', `${label}: "function.name" is missing.`, opening(fn));
    else if (typeof name.value !== 'string') at('error', `${label}: the name must be a string.`, name);
    else if (!FUNCTION_NAME_PATTERN.test(name.value)) at('error', `${label}: name "${name.value}" must match ${NAME_RULE}.`, name);
    else if (seen.has(name.value)) at('error', `${label}: name "${name.value}" is already used by tool ${seen.get(name.value)! + 1}.`, name);
    else seen.set(name.value, i);

    const description = prop(fn, 'description');
    if (description && typeof description.value !== 'string') at('error', `${label2}: "description" must be a string.`, description);
    const strict = prop(fn, 'strict');
    if (strict && strict.value !== null && typeof strict.value !== 'boolean') at('error', `${label2}: "strict" must be true, false or null.`, strict);

    const parameters = prop(fn, 'parameters');
    if (parameters) checkParameters(checkers, parameters, label2, at, add);

    const errorsHere = problems.filter((p) => p.severity === 'error').length - before;
    if (errorsHere === 0) {
      // Whatever else the server's own schema refuses (e.g. a description over its length limit).
      const result = engine.toolSchema.safeParse(item.value);
      if (!result.success) {
        for (const issue of result.error.issues.slice(0, 3)) {
          const node = nodeAtPath(item, issue.path.map(String)) ?? item;
          at('error', `${label2}: ${issue.path.map(String).join('.') || 'tool'}: ${issue.message}`, node);
        }
      }
    }
  });
  addRuleFindings(engine, root, targets, add);
  return done(withoutRepeats(problems), root.value as Tool[]);
}

function checkParameters(
  { engine, ajv, strictAjv }: Checkers,
  parameters: JsonNode,
  label: string,
  at: (severity: LintProblem['severity'], message: string, node: JsonNode) => void,
  add: (severity: LintProblem['severity'], message: string, start: number, end: number) => void,
) {
  if (parameters.type !== 'object') {
    at('error', `${label}: "parameters" must be a JSON Schema object, like {"type": "object", "properties": {…}}.`, parameters);
    return;
  }
  const schema = parameters.value as Record<string, unknown>;
  let valid: boolean;
  try {
    valid = ajv.validateSchema(schema) as boolean;
  } catch (error) {
    // Ajv compiles to JavaScript; a Content-Security-Policy without 'unsafe-eval' forbids that.
    if (isEvalBlocked(error)) return at('warning', `${label}: ${SCHEMA_CHECKS_OFF}`, opening(parameters));
    throw error;
  }
  if (!valid) {
    for (const error of schemaErrors(ajv.errors ?? [])) {
      const path = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      const where = path.length ? `at "${path.join('.')}" ` : '';
      at('error', `${label}: parameters is not a valid JSON Schema: ${where}${error.message ?? 'is invalid'}${allowed(error)}.`, nodeAtPath(parameters, path) ?? parameters);
    }
    return;
  }
  try {
    const { unsupported } = engine.collectUnchecked(() => ajv.compile(schema));
    warnUnchecked(unsupported, parameters, label, add);
  } catch (error) {
    if (isEvalBlocked(error)) return at('warning', `${label}: ${SCHEMA_CHECKS_OFF}`, opening(parameters));
    at('error', `${label}: parameters does not compile as JSON Schema: ${message(error)}.`, parameters);
    return;
  } finally {
    ajv.removeSchema(schema);
  }
  try {
    strictAjv.compile(schema);
  } catch (error) {
    if (isEvalBlocked(error)) return;
    const text = message(error).replace(/^strict mode: /, '');
    const keyword = /unknown keyword: "([^"]+)"/.exec(text)?.[1];
    const key = keyword ? findKey(parameters, keyword) : null;
    const note = keyword ? `unknown keyword "${keyword}" (a typo?), which validators ignore` : text;
    if (key) add('warning', `${label}: parameters has an ${note}.`, key.keyOffset, key.keyEnd);
    else at('warning', `${label}: parameters has an ${note}.`, parameters);
  } finally {
    strictAjv.removeSchema(schema);
  }
  // A missing type is a provider rule with a quick fix (lint-rules.ts); another type is said here.
  if (schema.type !== undefined && schema.type !== 'object') {
    const typeNode = prop(parameters, 'type');
    at('warning', `${label}: parameters should have "type": "object" (arguments are always a JSON object; OpenAI rejects other schemas).`, typeNode ?? opening(parameters));
  }
}

export const SCHEMA_CHECKS_OFF =
  "parameters could not be checked as JSON Schema: this page's Content-Security-Policy forbids compiling validators (it needs 'unsafe-eval').";

/** A Content-Security-Policy refused `new Function` (Ajv compiles every schema to a function). */
export function isEvalBlocked(error: unknown): boolean {
  return error instanceof EvalError || (error instanceof Error && /unsafe-eval|Content Security Policy/i.test(error.message));
}

/** The meta-schema's errors that say something: drop the anyOf summary when its branches are listed. */
function schemaErrors(errors: ErrorObject[]): ErrorObject[] {
  const useful = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
  const list = useful.length ? useful : errors;
  const byPath = new Map<string, ErrorObject>();
  for (const error of list) if (!byPath.has(error.instancePath)) byPath.set(error.instancePath, error);
  return [...byPath.values()].slice(0, 3);
}

function allowed(error: ErrorObject): string {
  const values = (error.params as { allowedValues?: unknown[] }).allowedValues;
  return error.keyword === 'enum' && Array.isArray(values) ? ` (${values.map((v) => JSON.stringify(v)).join(', ')})` : '';
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
}

function done(problems: LintProblem[], tools: Tool[] | null): ToolsLint {
  problems.sort((a, b) => a.startLineNumber - b.startLineNumber || a.startColumn - b.startColumn);
  const errorCount = problems.filter((p) => p.severity === 'error').length;
  return { tools: errorCount ? null : tools, problems, errorCount };
}

function prop(node: JsonNode, key: string): JsonNode | undefined {
  const props = node.props ?? [];
  for (let i = props.length - 1; i >= 0; i--) if (props[i].key === key) return props[i].value;
  return undefined;
}

function opening(node: JsonNode): JsonNode {
  return { ...node, end: node.offset + 1 };
}

function findKey(node: JsonNode, key: string): { keyOffset: number; keyEnd: number } | null {
  for (const p of node.props ?? []) {
    if (p.key === key) return p;
    const inner = findKey(p.value, key);
    if (inner) return inner;
  }
  for (const item of node.items ?? []) {
    const inner = findKey(item, key);
    if (inner) return inner;
  }
  return null;
}

/** The first error in words, for the Send button's reason ("Fix the tools first: …"). */
export function firstError(lint: ToolsLint): string | null {
  return lint.problems.find((p) => p.severity === 'error')?.message ?? null;
}
