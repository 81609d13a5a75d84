/**
 * One argument of a tool call against its expectation (types.ts `ArgumentExpectation`) and its
 * parameter's schema, with BFCL's rules: the value's type must fit the parameter's (`number` takes an
 * integer), unless the value is one of the acceptable values (BFCL's "variable" allowance); then the
 * value itself. A reason names the function and the argument, in plain words.
 */
import type { ArgumentExpectation } from './types';
import { jsonType, showValue, showValues, valuesEqual } from './normalize';
import { compilePattern, MAX_TEST_COST } from '@/lib/tools/linear-regexp';
import { quotePattern, RE2_CANNOT_RUN } from '@/lib/tools/pattern-words';
import { describe, uncheckedNotes, validatorFor } from '@/lib/tools/arguments';
import { loadedSchemaEngine } from '@/lib/tools/schema-engine-loader';
import { isRecord } from '@/lib/util/json';

/** Prefix of a reason that is not a failure: what cannot be judged yet (match.ts). */
export const PENDING = 'Pending:';

export interface ArgumentVerdict {
  failures: string[];
  pending: string[];
}

/** The acceptable values an expectation names, for the type allowance. */
function acceptable(expectation: ArgumentExpectation): unknown[] {
  if (expectation.kind === 'equals') return [expectation.value];
  if (expectation.kind === 'one_of') return expectation.values;
  return [];
}

const ARTICLE: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

function fitsType(type: string, value: unknown): boolean {
  const actual = jsonType(value);
  return type === actual || (type === 'number' && actual === 'integer');
}

/** Why the value's type does not fit the parameter's schema (its `type`, and its items' one level down), or null. */
function typeProblem(schema: unknown, value: unknown): string | null {
  if (!isRecord(schema)) return null;
  const types = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type.filter((t) => typeof t === 'string') : [];
  if (types.length > 0 && !types.some((type) => fitsType(type, value))) {
    return `is ${showValue(value)} (${ARTICLE[jsonType(value)] ?? jsonType(value)}), expected ${types.map((type) => ARTICLE[type] ?? type).join(' or ')}`;
  }
  if (Array.isArray(value) && isRecord(schema.items) && typeof schema.items.type === 'string') {
    const itemType = schema.items.type;
    const index = value.findIndex((item) => !fitsType(itemType, item));
    if (index >= 0) return `item ${index + 1} is ${showValue(value[index])}, expected ${ARTICLE[itemType] ?? itemType}`;
  }
  return null;
}

/** The value as text, for a regular expression: a string as it is, anything else as JSON. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

function regexProblem(pattern: string, value: unknown): { failure?: string } {
  const compiled = compilePattern(pattern);
  if (compiled.kind === 'invalid') return { failure: `the expected pattern ${quotePattern(pattern)} is not a valid regular expression (${compiled.error.message})` };
  if (compiled.kind === 'unsupported') return { failure: `the expected pattern ${quotePattern(pattern)} uses ${compiled.reason}, which ${RE2_CANNOT_RUN}` };
  const text = asText(value);
  if (compiled.cost(text) > MAX_TEST_COST) return { failure: `is too long (${text.length.toLocaleString('en-US')} characters) to check against ${quotePattern(pattern)}` };
  return compiled.test(text) ? {} : { failure: `is ${showValue(value)}, expected text matching ${quotePattern(pattern)}` };
}

function schemaProblem(schema: Record<string, unknown>, value: unknown): { failure?: string; pending?: string } {
  const engine = loadedSchemaEngine();
  // The page loads Ajv on demand (lib/tools/schema-engine-loader.ts); the runner loads it before it starts.
  if (!engine) return { pending: 'the JSON Schema check is still loading' };
  const validator = validatorFor(engine, schema);
  if (validator instanceof Error) return { failure: `cannot be checked: the expected schema is not a valid JSON Schema (${validator.message})` };
  const { result: valid, skipped } = engine.collectUnchecked(() => validator.validate(value));
  if (valid) return {};
  const first = validator.validate.errors?.[0];
  const notes = uncheckedNotes(validator.unchecked, skipped);
  const why = first ? describe(first, 'the value') : 'it does not match';
  return { failure: `does not match the expected schema: ${why}${notes.length ? ` (${notes.join('; ')})` : ''}` };
}

/**
 * The verdict on one argument that the call sent. `expectation` absent: the argument is not listed (the
 * caller decides whether that is allowed). `parameter`: the tool's schema for it, when the tool defines it.
 */
export function checkSentArgument(fn: string, name: string, value: unknown, expectation: ArgumentExpectation, parameter: unknown): ArgumentVerdict {
  const verdict: ArgumentVerdict = { failures: [], pending: [] };
  const subject = `${fn}: ${name}`;
  if (expectation.kind === 'absent') {
    verdict.failures.push(`${subject} should be left out, but the call sends ${showValue(value)}`);
    return verdict;
  }
  const values = acceptable(expectation);
  if (values.some((candidate) => valuesEqual(candidate, value))) return verdict;
  const wrongType = typeProblem(parameter, value);
  if (wrongType) {
    verdict.failures.push(`${subject} ${wrongType}`);
    return verdict;
  }
  let outcome: { failure?: string; pending?: string } = {};
  if (expectation.kind === 'equals') outcome = { failure: `is ${showValue(value)}, expected ${showValue(expectation.value)}` };
  else if (expectation.kind === 'one_of') outcome = { failure: `is ${showValue(value)}, expected one of ${showValues(expectation.values)}` };
  else if (expectation.kind === 'regex') outcome = regexProblem(expectation.pattern, value);
  else if (expectation.kind === 'schema') outcome = schemaProblem(expectation.schema, value);
  if (outcome.failure) verdict.failures.push(`${subject} ${outcome.failure}`);
  if (outcome.pending) verdict.pending.push(`${PENDING} ${subject}: ${outcome.pending}`);
  return verdict;
}

/** Whether an expectation lets the call leave its argument out. */
export function mayBeLeftOut(expectation: ArgumentExpectation): boolean {
  return expectation.kind === 'absent' || expectation.optional === true;
}
