/**
 * Gemini's schema subset (keywords.ts's GEMINI_KEYWORDS, from its Schema reference): every other keyword
 * is refused as an unknown field, references are not followed, a type is one name (null is `nullable`),
 * and enum values are strings.
 */
import { isRecord, own } from '@/lib/util/json';
import { GEMINI_KEPT_SUBSCHEMAS, GEMINI_KEYWORDS, REF_KEYWORDS } from './keywords';
import type { NodeRule, RuleSet } from './types';
import { quote } from './walk';

const SOURCE = 'Gemini schema subset';

/** What to write instead, where there is something. */
const HINTS: Readonly<Record<string, string>> = {
  const: 'use "enum" with the one value',
  oneOf: 'use "anyOf"',
  allOf: 'merge the schemas into one',
  examples: 'use "example" with one value',
  additionalProperties: 'remove it (Gemini does not check extra properties)',
};

const keywords: NodeRule = (node, at, { tool }, report) => {
  for (const key of Object.keys(node)) {
    if (GEMINI_KEYWORDS.has(key)) continue;
    const path = [...at.path, key];
    if (REF_KEYWORDS.has(key)) {
      report({ rule: 'gemini/ref', source: SOURCE, severity: 'error', message: `${tool.label}: Gemini does not follow "${key}": inline the referenced schemas.`, path, at: 'key', fix: 'inline-refs' });
    } else {
      const hint = Object.hasOwn(HINTS, key) ? HINTS[key] : 'remove it';
      report({ rule: 'gemini/unsupported-keyword', source: SOURCE, severity: 'error', message: `${tool.label}: Gemini's schema has no "${key}": ${hint}.`, path, at: 'key', fix: 'gemini-subset' });
    }
  }
};

const nullableType: NodeRule = (node, at, { tool }, report) => {
  const type = own(node, 'type');
  if (!Array.isArray(type) && type !== 'null') return;
  const message = Array.isArray(type)
    ? `${tool.label}: Gemini takes one type name, not a list: use one type with "nullable": true (or anyOf for several).`
    : `${tool.label}: Gemini has no "null" type: use "nullable": true on the schema it goes with.`;
  report({ rule: 'gemini/type', source: SOURCE, severity: 'error', message, path: [...at.path, 'type'], fix: 'gemini-subset' });
};

const stringEnum: NodeRule = (node, at, { tool }, report) => {
  const values = own(node, 'enum');
  if (!Array.isArray(values)) return;
  const other = values.filter((value) => typeof value !== 'string');
  if (other.length === 0) return;
  report({ rule: 'gemini/enum-strings', source: SOURCE, severity: 'error', message: `${tool.label}: Gemini's enum values are strings; ${quote(other)} ${other.length > 1 ? 'are' : 'is'} not: list the values in the description instead.`, path: [...at.path, 'enum'], fix: 'gemini-subset' });
};

/** Only where the subset keeps the schema: inside a dropped keyword (or $defs) the keyword itself is reported. */
const GEMINI_NODE_RULES: readonly NodeRule[] = [keywords, nullableType, stringEnum];
const keptNodes: NodeRule = (node, at, context, report) => {
  if (at.within((keyword) => !GEMINI_KEPT_SUBSCHEMAS.has(keyword))) return;
  for (const rule of GEMINI_NODE_RULES) rule(node, at, context, report);
};

export const GEMINI_RULES: RuleSet = { applies: ({ targets, tool }) => targets.has('gemini') && isRecord(tool.parameters), node: [keptNodes] };
