/**
 * The text a person pastes, uploads or fetches into "Import tools", as a value: JSON when it opens like
 * JSON (what almost every format is), YAML otherwise (OpenAPI documents often are). Bounded: a size
 * limit, YAML aliases capped (a "billion laughs" document expands exponentially), no custom tags (plain data only).
 */
import { parseDocument } from 'yaml';
import { parseJsonWithRanges } from '@/lib/tools/json-ranges';

/** Far above any real tools list or API description; a paste past this is a mistake. */
export const MAX_INPUT_CHARS = 5_000_000;
/** Aliases a YAML document may expand: real documents use a handful. */
const MAX_YAML_ALIASES = 100;

export function parseToolsInput(input: string): { value: unknown } | { error: string } {
  // A file saved by some Windows editors starts with a byte order mark, which JSON.parse rejects.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.length > MAX_INPUT_CHARS) {
    return { error: `The text is ${(text.length / 1e6).toFixed(1)} MB: at most ${MAX_INPUT_CHARS / 1e6} MB can be imported.` };
  }
  if (text.trim() === '') return { error: 'Nothing to import: paste tools as JSON or YAML.' };
  // Text that opens like JSON is read as JSON only: YAML would take `{"a": tru}` as the string "tru".
  if (/^\s*[[{]/.test(text)) {
    try {
      return { value: JSON.parse(text) };
    } catch {
      return { error: jsonError(text) };
    }
  }
  return parseYaml(text);
}

function parseYaml(text: string): { value: unknown } | { error: string } {
  const document = parseDocument(text, { schema: 'core', customTags: [], merge: false, uniqueKeys: true, prettyErrors: true, logLevel: 'silent' });
  const [problem] = document.errors;
  if (problem) {
    const at = problem.linePos?.[0];
    const where = at ? ` at line ${at.line}, column ${at.col}` : '';
    return { error: `The YAML is invalid${where}: ${firstLine(problem.message)}` };
  }
  try {
    return { value: document.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
  } catch {
    return { error: `The YAML repeats its aliases (*name) more than ${MAX_YAML_ALIASES} times: not imported.` };
  }
}

/** The JSON syntax error with its line and column, in words. */
function jsonError(text: string): string {
  let parsed: ReturnType<typeof parseJsonWithRanges>;
  try {
    parsed = parseJsonWithRanges(text);
  } catch {
    // The ranges parser recurses: a pathologically nested text runs out of stack.
    return 'The JSON is nested too deeply to read.';
  }
  if (!('error' in parsed)) return 'The JSON is invalid.';
  const before = text.slice(0, parsed.error.offset).split('\n');
  return `The JSON is invalid at line ${before.length}, column ${before[before.length - 1].length + 1}: ${parsed.error.message}.`;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
