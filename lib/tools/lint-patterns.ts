/**
 * The tools lint's words for a pattern RE2 cannot run (lookaround, backreferences): a warning at each
 * place the schema has it, saying that nothing checks it and why. Kept apart from lint.ts for length.
 */
import type { JsonNode } from './json-ranges';
import { quotePattern, RE2_CANNOT_RUN, type UnsupportedPattern } from './pattern-words';

/** More places than this get one warning that counts them, rather than one each. */
const MAX_WARNINGS = 10;

type Add = (severity: 'warning', message: string, start: number, end: number) => void;

/** Patterns RE2 cannot run, at each place the schema has them (a `pattern` value, a `patternProperties` key). */
export function warnUnchecked(unsupported: readonly UnsupportedPattern[], parameters: JsonNode, label: string, add: Add) {
  if (!unsupported.length) return;
  const reasons = new Map(unsupported.map(({ pattern, reason }) => [pattern, reason]));
  const places: PatternPlace[] = [];
  findPlaces(parameters, reasons, [], places);
  // Not found in the text (it cannot be, as Ajv read it from there): said at the top instead.
  if (!places.length) for (const { pattern } of unsupported) places.push({ pattern, path: [], start: parameters.offset, end: parameters.offset + 1, key: false });
  for (const { pattern, path, start, end, key } of places.slice(0, MAX_WARNINGS)) {
    const where = key ? `in "${[...path, 'patternProperties'].join('.')}" ` : path.length ? `at "${path.join('.')}" ` : '';
    add(
      'warning',
      `${label}: the pattern ${quotePattern(pattern)} ${where}uses ${reasons.get(pattern)}, which ${RE2_CANNOT_RUN}, so it is not checked: ` +
        `${key ? 'every property name counts as matching it' : 'any value passes it'}, in the argument checks and in the simulator. ` +
        "Some providers' validators are RE2-like too and may refuse it: rewrite it without that if you can.",
      start,
      end,
    );
  }
  const more = places.length - MAX_WARNINGS;
  if (more > 0) {
    const count = more === 1 ? 'One more pattern uses' : `${more} more patterns use`;
    add('warning', `${label}: ${count} what ${RE2_CANNOT_RUN} (lookaround, backreferences), so nothing checks ${more === 1 ? 'it' : 'them'} either.`, parameters.offset, parameters.offset + 1);
  }
}

interface PatternPlace {
  pattern: string;
  /** The schema's path inside `parameters`. */
  path: string[];
  start: number;
  end: number;
  /** A `patternProperties` key rather than a `pattern` value. */
  key: boolean;
}

/** One walk over the schema for every pattern at once. */
function findPlaces(node: JsonNode, reasons: ReadonlyMap<string, string>, path: string[], places: PatternPlace[]) {
  for (const p of node.props ?? []) {
    if (p.key === 'pattern' && typeof p.value.value === 'string' && reasons.has(p.value.value)) {
      places.push({ pattern: p.value.value, path, start: p.value.offset, end: p.value.end, key: false });
    }
    if (p.key === 'patternProperties') {
      for (const q of p.value.props ?? []) if (reasons.has(q.key)) places.push({ pattern: q.key, path, start: q.keyOffset, end: q.keyEnd, key: true });
    }
    if (p.value.props || p.value.items) findPlaces(p.value, reasons, [...path, p.key], places);
  }
  (node.items ?? []).forEach((item, i) => findPlaces(item, reasons, [...path, String(i)], places));
}
