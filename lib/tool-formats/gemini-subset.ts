/**
 * A schema cut to Gemini's subset (rules/keywords.ts's GEMINI_KEYWORDS): $refs inlined, a type list
 * becomes one type with `nullable` (or anyOf for several), null branches of anyOf become `nullable`,
 * oneOf becomes anyOf, const and non-string enums become what Gemini can read, and every other keyword
 * is dropped. Types stay lowercase JSON Schema names: the Gemini export uppercases them itself.
 */
import { isRecord, own, setOwn } from '@/lib/util/json';
import { inlineRefs } from './refs';
import { GEMINI_KEYWORDS } from './rules/keywords';
import { quote, rewriteSchemas, typeNames, without } from './rules/walk';
import type { FormatChange } from './types';

type Report = (path: string, message: string) => void;

/** Why a keyword goes, where it is worth saying more than "not in Gemini's schema subset". */
const REASONS: Readonly<Record<string, string>> = {
  additionalProperties: 'Gemini does not check extra properties',
  $schema: 'Gemini reads no dialect',
};

export function toGeminiSubset(parameters: unknown, tool: string | null = null): { schema: Record<string, unknown>; changes: FormatChange[] } {
  const inlined = inlineRefs(parameters, { tool, path: 'parameters' });
  const changes: FormatChange[] = [...inlined.changes];
  const report: Report = (path, message) => changes.push({ tool, path, message });
  const root = isRecord(inlined.schema) ? inlined.schema : {};
  const schema = rewriteSchemas(root, (node, path) => geminiNode(node, path, report), 'parameters') as Record<string, unknown>;
  return { schema, changes };
}

function geminiNode(node: Record<string, unknown>, path: string, report: Report): Record<string, unknown> {
  const folded = foldCombinators(node, path, report);
  if (folded !== node) return geminiNode(folded, path, report);
  const out: Record<string, unknown> = {};
  let nullable = own(node, 'nullable') === true;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type' && (Array.isArray(value) || value === 'null')) {
      const types = typeNames(node).filter((type) => type !== 'null');
      nullable ||= value === 'null' || (Array.isArray(value) && value.includes('null'));
      if (types.length === 1) out.type = types[0];
      else if (types.length > 1 && own(node, 'anyOf') === undefined) out.anyOf = types.map((type) => ({ type }));
      report(`${path}.type`, `type ${JSON.stringify(value)} written as ${types.length > 1 ? 'anyOf of one type each' : types.length === 1 ? `"${types[0]}"` : 'no type'}${nullable ? ' with nullable: true' : ''} (Gemini takes one type name).`);
    } else if (key === 'enum' && Array.isArray(value) && !value.every((item) => typeof item === 'string')) {
      describe(out, node, `One of: ${value.map((item) => JSON.stringify(item)).join(', ')}.`);
      report(`${path}.enum`, `enum ${quote(value)} moved into the description (Gemini's enum values are strings).`);
    } else if (key === 'const') {
      if (typeof value === 'string') out.enum = [value];
      else describe(out, node, `Always ${JSON.stringify(value)}.`);
      report(`${path}.const`, `const written as ${typeof value === 'string' ? 'an enum of one value' : 'a sentence in the description'} (Gemini has no const).`);
    } else if (key === 'examples' && Array.isArray(value) && value.length > 0 && own(node, 'example') === undefined) {
      out.example = value[0];
      report(`${path}.examples`, 'examples written as example, the first one (Gemini has one example).');
    } else if (key === 'nullable' || (key === 'description' && out.description !== undefined)) {
      // nullable is set once below; a description already has a sentence added (it keeps its text).
      continue;
    } else if (GEMINI_KEYWORDS.has(key)) {
      setOwn(out, key, value);
    } else {
      report(`${path}.${key}`, `${key} dropped: ${Object.hasOwn(REASONS, key) ? REASONS[key] : "not in Gemini's schema subset"}.`);
    }
  }
  if (nullable) out.nullable = true;
  return out;
}

/** The description with a sentence added (where a value Gemini cannot hold is kept for the model). */
function describe(out: Record<string, unknown>, node: Record<string, unknown>, sentence: string): void {
  const before = typeof out.description === 'string' ? out.description : own(node, 'description');
  out.description = typeof before === 'string' && before ? `${before} ${sentence}` : sentence;
}

/**
 * oneOf as anyOf; anyOf's null branches as nullable, and an anyOf (or allOf) of one schema merged into
 * the node; the node itself when there is nothing to fold.
 */
function foldCombinators(node: Record<string, unknown>, path: string, report: Report): Record<string, unknown> {
  const oneOf = own(node, 'oneOf');
  if (Array.isArray(oneOf) && own(node, 'anyOf') === undefined) {
    report(`${path}.oneOf`, 'oneOf changed to anyOf (Gemini has no oneOf).');
    return { ...without(node, ['oneOf']), anyOf: oneOf };
  }
  const anyOf = own(node, 'anyOf');
  if (Array.isArray(anyOf)) {
    const kept = anyOf.filter((item) => !(isRecord(item) && own(item, 'type') === 'null' && Object.keys(item).length === 1));
    if (kept.length < anyOf.length) {
      report(`${path}.anyOf`, 'the null branch of anyOf written as nullable: true.');
      return { ...without(node, ['anyOf']), ...(kept.length ? { anyOf: kept } : {}), nullable: true };
    }
    if (kept.length === 1 && isRecord(kept[0])) return mergeOne(node, 'anyOf', kept[0], path, report);
  }
  const allOf = own(node, 'allOf');
  if (Array.isArray(allOf) && allOf.length === 1 && isRecord(allOf[0])) return mergeOne(node, 'allOf', allOf[0], path, report);
  return node;
}

/** The one schema of a combinator merged into the node, the node's own keywords winning. */
function mergeOne(node: Record<string, unknown>, key: string, only: Record<string, unknown>, path: string, report: Report): Record<string, unknown> {
  const out = { ...only };
  for (const [name, value] of Object.entries(without(node, [key]))) setOwn(out, name, value);
  report(`${path}.${key}`, `${key} of one schema merged into it.`);
  return out;
}
