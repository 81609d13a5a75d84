/**
 * A tool call's result before it is sent: whether it is JSON (plain text is allowed — the API takes any
 * text — but is rarely meant), and, when its function has a result schema (the scenario's
 * `result_schemas`, kept beside the tools), whether it matches it — with the same Ajv, linear-time
 * patterns and wording as the arguments check (./arguments.ts).
 */
import { loadedSchemaEngine } from './schema-engine-loader';
import { describe, uncheckedNotes, validatorFor, type ArgumentsCheck } from './arguments';
import { isEvalBlocked } from './lint';
import { isRecord } from '@/lib/util/json';

export const RESULT_OK = 'The result matches its schema';

/** Why the result is not JSON (the parser's words), or null when it is JSON or empty. */
export function resultJsonProblem(text: string): string | null {
  if (text.trim() === '') return null;
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : 'it cannot be read as JSON';
  }
}

/**
 * The result checked against the schema text, once Ajv has loaded (else null, as for the arguments).
 * No schema, an empty result or one that is not JSON (warned about on its own) is not checked: null.
 */
export function checkResultIfLoaded(schemaText: string | undefined, resultText: string): ArgumentsCheck | null {
  if (!schemaText?.trim() || resultText.trim() === '' || resultJsonProblem(resultText) !== null) return null;
  const engine = loadedSchemaEngine();
  if (!engine) return null;
  const fail = (problem: string): ArgumentsCheck => ({ ok: false, summary: problem, problems: [problem] });
  let schema: unknown;
  try {
    schema = JSON.parse(schemaText);
  } catch {
    return fail('The result schema is not valid JSON, so the result was not checked');
  }
  if (!isRecord(schema)) return fail('The result schema is not a JSON object, so the result was not checked');
  const validator = validatorFor(engine, schema);
  if (validator instanceof Error) {
    return fail(
      isEvalBlocked(validator)
        ? `The result could not be checked: this page's Content-Security-Policy forbids compiling the schema ('unsafe-eval')`
        : `The result schema is not a valid JSON Schema, so the result was not checked (${validator.message})`,
    );
  }
  const { validate, unchecked } = validator;
  const { result: valid, skipped } = engine.collectUnchecked(() => validate(JSON.parse(resultText)));
  const problems = valid ? [] : [...new Set((validate.errors ?? []).map((error) => describe(error, 'The result')))];
  const notes = uncheckedNotes(unchecked, skipped);
  if (problems.length === 0) return { ok: true, summary: [RESULT_OK, ...notes].join('; '), problems };
  const all = [...problems, ...notes.map((note) => note.charAt(0).toUpperCase() + note.slice(1))];
  return { ok: false, summary: all[0], problems: all };
}
