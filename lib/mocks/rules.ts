/**
 * Rules mocks: each rule's `when` is a partial pattern of a call's arguments, and the first rule it
 * matches answers. The semantics, which the exported programs repeat (lib/export/mock-code.ts):
 *
 * - an object matches an object that has each of its keys (as its own) with a matching value; keys
 *   `when` does not name are ignored, at any depth ("deep partial equality"), so `{}` matches anything;
 * - an array matches an array of the same length whose items match in order;
 * - a string matches a string that equals it once both are normalised — Unicode NFKC, lower case,
 *   whitespace trimmed and runs of it read as one space — or that begins with it followed by a
 *   character that is not a letter or digit: "Chicago" matches "chicago", "Chicago, IL" and
 *   "Chicago IL" (models add the state, as the weather tool's description asks) but not "Chicagoland";
 * - numbers match equal numbers, booleans and null themselves; nothing is converted ("5" is not 5).
 *
 * A `when` that is not a JSON object never matches; `whenProblem` says why, for the editor. The work is
 * bounded by the size of `when` (MOCK_LIMITS.maxWhenChars), however large the arguments are.
 */
import { isRecord } from '@/lib/util/json';

interface Rule {
  when: string;
}

/** The normal form strings are compared in. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ');
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function stringMatches(pattern: string, value: string): boolean {
  const want = normalise(pattern);
  const got = normalise(value);
  if (got === want) return true;
  return want !== '' && got.startsWith(want) && !LETTER_OR_DIGIT.test(got.charAt(want.length));
}

/** Whether `value` (a call's arguments, or part of them) matches the pattern `when`. */
export function matches(when: unknown, value: unknown): boolean {
  if (typeof when === 'string') return typeof value === 'string' && stringMatches(when, value);
  if (Array.isArray(when)) {
    return Array.isArray(value) && value.length === when.length && when.every((item, i) => matches(item, value[i]));
  }
  if (isRecord(when)) {
    return isRecord(value) && Object.keys(when).every((key) => Object.hasOwn(value, key) && matches(when[key], value[key]));
  }
  return when === value;
}

/** A rule's `when` parsed, or null when it is not a JSON object. */
export function parseWhen(text: string): Record<string, unknown> | null {
  try {
    const when: unknown = JSON.parse(text);
    return isRecord(when) ? when : null;
  } catch {
    return null;
  }
}

/** Why a `when` can never match, in words; null when it is a JSON object. */
export function whenProblem(text: string): string | null {
  try {
    return isRecord(JSON.parse(text)) ? null : 'must be a JSON object, such as {"location": "Chicago"}';
  } catch (error) {
    return `is not valid JSON (${error instanceof Error ? error.message : 'unreadable'})`;
  }
}

/** The index of the first rule whose `when` matches the arguments, or null (the default answers). */
export function matchingRule(rules: readonly Rule[], args: unknown): number | null {
  const index = rules.findIndex((rule) => {
    const when = parseWhen(rule.when);
    return when !== null && matches(when, args);
  });
  return index === -1 ? null : index;
}

/** A rule's condition in words for its card: `location = Chicago`, `address.city = Paris, unit = "C"`. */
export function ruleLabel(whenText: string, max = 80): string {
  const when = parseWhen(whenText);
  if (!when) return '';
  const parts: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (isRecord(value) && Object.keys(value).length > 0) {
      for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
    } else {
      parts.push(`${path} = ${typeof value === 'string' ? value : JSON.stringify(value)}`);
    }
  };
  if (Object.keys(when).length === 0) return 'any arguments';
  walk(when, '');
  const label = parts.join(', ');
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}
