/**
 * Checks a tool call's arguments against the tool's `parameters` schema (Ajv) and says what is wrong in
 * words: invalid JSON, unknown function, missing required, wrong type, values outside an enum, and
 * properties the schema does not define (models hallucinate those even when `additionalProperties`
 * allows them, so they are reported either way). Patterns run in linear time (lib/tools/linear-regexp.ts:
 * the arguments and the schema may both come from a share link); one it leaves unchecked is named, with
 * why. Ajv loads on the first check (lib/schema-engine-loader.ts), so `checkToolArguments` is async;
 * `checkToolArgumentsIfLoaded` is the same, synchronous.
 */
import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Tool } from '@/lib/wire/chat';
import { loadedSchemaEngine, loadSchemaEngine, type SchemaEngine } from './schema-engine-loader';
import { isEvalBlocked } from './lint';
import { quotePattern, RE2_CANNOT_RUN, type UnsupportedPattern } from './pattern-words';

export interface ArgumentsCheck {
  ok: boolean;
  /** One line: "Arguments match the schema" (and which patterns were not checked), or the first problem. */
  summary: string;
  problems: string[];
  /** The parsed arguments when they are JSON. */
  parsed?: unknown;
}

export const ARGUMENTS_OK = 'Arguments match the schema';

type Schema = Record<string, unknown>;

/** A compiled schema, and the patterns in it that RE2 cannot run (they pass unchecked). */
interface Validator {
  validate: ValidateFunction;
  unchecked: UnsupportedPattern[];
}

let ajv: Ajv | null = null;
const validators = new Map<string, Validator | Error>();

function newAjv(engine: SchemaEngine): Ajv {
  return engine.createAjv({ allErrors: true, strict: false, validateFormats: false, logger: false });
}

/** A compiled schema, cached (tool parameters and result schemas share the cache). */
export function validatorFor(engine: SchemaEngine, schema: Schema): Validator | Error {
  const key = JSON.stringify(schema);
  const cached = validators.get(key);
  if (cached) return cached;
  if (!ajv || validators.size >= 200) {
    // Tools change as the person edits them: start over rather than keep every old schema compiled.
    validators.clear();
    ajv = newAjv(engine);
  }
  let compiled: Validator | Error;
  try {
    const { result, unsupported } = engine.collectUnchecked(() => ajv!.compile(schema));
    compiled = { validate: result, unchecked: unsupported };
  } catch (error) {
    compiled = error instanceof Error ? error : new Error(String(error));
  }
  validators.set(key, compiled);
  return compiled;
}

const NO_PARAMETERS: Schema = { type: 'object', properties: {} };

type Tools = readonly Tool[] | null | undefined;

/** Checks the arguments; the first call loads Ajv. */
export async function checkToolArguments(tools: Tools, name: string, argumentsText: string): Promise<ArgumentsCheck> {
  return check(await loadSchemaEngine(), tools, name, argumentsText);
}

/** The same as `checkToolArguments`, synchronously, once Ajv has loaded; null before. */
export function checkToolArgumentsIfLoaded(tools: Tools, name: string, argumentsText: string): ArgumentsCheck | null {
  const engine = loadedSchemaEngine();
  return engine ? check(engine, tools, name, argumentsText) : null;
}

function check(engine: SchemaEngine, tools: Tools, name: string, argumentsText: string): ArgumentsCheck {
  let parsed: unknown;
  const text = argumentsText.trim() === '' ? '{}' : argumentsText;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'not JSON';
    return fail([`Arguments are not valid JSON (${reason})`]);
  }
  const tool = tools?.find((t) => t.function.name === name);
  if (!tool) {
    const known = tools?.map((t) => `"${t.function.name}"`).join(', ');
    return fail([`Unknown function "${name}": ${known ? `the tools are ${known}` : 'there are no tools'}`], parsed);
  }
  const schema = (tool.function.parameters as Schema | undefined) ?? NO_PARAMETERS;
  const validator = validatorFor(engine, schema);
  if (validator instanceof Error && isEvalBlocked(validator)) {
    return fail([`The arguments could not be checked: this page's Content-Security-Policy forbids compiling the schema ('unsafe-eval')`], parsed);
  }
  if (validator instanceof Error) {
    return fail([`The tool's parameters are not a valid JSON Schema, so the arguments cannot be checked (${validator.message})`], parsed);
  }
  const { validate, unchecked } = validator;
  const problems: string[] = [];
  const { result: valid, skipped } = engine.collectUnchecked(() => validate(parsed));
  if (!valid) {
    for (const error of validate.errors ?? []) {
      const message = describe(error);
      if (!problems.includes(message)) problems.push(message);
    }
  }
  for (const message of undefinedProperties(schema, parsed, '')) {
    if (!problems.includes(message)) problems.push(message);
  }
  const notes = uncheckedNotes(unchecked, skipped);
  if (problems.length === 0) return { ok: true, summary: [ARGUMENTS_OK, ...notes].join('; '), problems, parsed };
  return fail([...problems, ...notes.map((note) => note.charAt(0).toUpperCase() + note.slice(1))], parsed);
}

/** What a check could not check (patterns RE2 cannot run, or too long a value), as notes. */
export function uncheckedNotes(unchecked: readonly UnsupportedPattern[], skipped: ReadonlyArray<{ pattern: string; length: number }>): string[] {
  return [
    ...unchecked.map(({ pattern, reason }) => `the pattern ${quotePattern(pattern)} was not checked: it uses ${reason}, which ${RE2_CANNOT_RUN}`),
    ...skipped.map(({ pattern, length }) => `the pattern ${quotePattern(pattern)} was not checked against a value of ${length.toLocaleString('en-US')} characters, which would take this page too long`),
  ];
}

function fail(problems: string[], parsed?: unknown): ArgumentsCheck {
  return { ok: false, summary: problems[0], problems, parsed };
}

/** `/address/city` → `address.city`, `/items/0` → `items[0]`. */
function pathName(pointer: string): string {
  if (!pointer) return '';
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

/** An Ajv error in words; `whole` names the value checked ("The arguments", "The result"). */
export function describe(error: ErrorObject, whole = 'The arguments'): string {
  const where = pathName(error.instancePath);
  const subject = where ? `"${where}"` : whole;
  const inside = where ? ` in "${where}"` : '';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `Missing required "${String(params.missingProperty)}"${inside}`;
    case 'type':
      return `${subject} should be ${article(String(params.type))}`;
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return `${subject} should be one of ${allowed}`;
    }
    case 'const':
      return `${subject} should be ${JSON.stringify(params.allowedValue)}`;
    case 'additionalProperties':
      return propertyNotDefined(String(params.additionalProperty), where);
    default:
      return `${subject} ${error.message ?? 'does not match the schema'}`;
  }
}

function article(type: string): string {
  // Ajv says "string", "integer", "object", or "string,null" for a list.
  const types = type.split(',');
  return types.length > 1 ? types.join(' or ') : type;
}

function propertyNotDefined(name: string, where: string): string {
  return where ? `Property "${name}" in "${where}" is not defined by the schema` : `Property "${name}" is not defined by the schema`;
}

/**
 * Properties present in the arguments that the schema's `properties` do not name, where the schema
 * does not say more (no `additionalProperties: false`, which Ajv already reports, and no
 * `patternProperties` or schema-valued `additionalProperties`, which define them).
 */
function undefinedProperties(schema: unknown, value: unknown, pointer: string): string[] {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return [];
  const s = schema as Schema;
  const out: string[] = [];
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const props = s.properties && typeof s.properties === 'object' ? (s.properties as Record<string, unknown>) : null;
    const open = s.additionalProperties === undefined && s.patternProperties === undefined;
    const combinators = ['anyOf', 'oneOf', 'allOf', 'if', '$ref'].some((k) => k in s);
    for (const [key, child] of Object.entries(value)) {
      if (props && key in props) out.push(...undefinedProperties(props[key], child, `${pointer}/${key}`));
      else if ((props || (pointer === '' && s.type === 'object')) && open && !combinators) out.push(propertyNotDefined(key, pathName(pointer)));
    }
  } else if (Array.isArray(value) && s.items && typeof s.items === 'object' && !Array.isArray(s.items)) {
    value.forEach((item, i) => out.push(...undefinedProperties(s.items, item, `${pointer}/${i}`)));
  }
  return out;
}
