/**
 * BFCL's value comparison (its `standardize_string`, `string_checker`, `list_checker`, `dict_checker`),
 * in one recursive rule: strings equal after normalisation, numbers by value (so an integer is accepted
 * where a float is expected: JSON has one number type), lists element by element in order, objects key
 * by key with the same keys. Also the words a reason uses to show a value.
 */

/** BFCL's normalisation: spaces and `, . / - _ * ^` removed, lower-cased, single quotes read as double. */
export function standardizeString(text: string): string {
  return text.replace(/[ ,./\-_*^]/g, '').toLowerCase().replace(/'/g, '"');
}

/** Whether `actual` equals `expected` under BFCL's rules. Recursion follows `expected`, which is bounded. */
export function valuesEqual(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'string') return typeof actual === 'string' && standardizeString(actual) === standardizeString(expected);
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => valuesEqual(item, actual[i]));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const want = expected as Record<string, unknown>;
    const got = actual as Record<string, unknown>;
    const keys = Object.keys(want);
    if (Object.keys(got).length !== keys.length) return false;
    return keys.every((key) => Object.hasOwn(got, key) && valuesEqual(want[key], got[key]));
  }
  return expected === actual;
}

/** The JSON type of a value, in the words of JSON Schema ("integer" for whole numbers). */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const SHOWN_CHARS = 80;

/** A value as a reason shows it: JSON, shortened. */
export function showValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS - 1)}…` : text;
}

/** `"a", "b" or "c"` style list for "expected one of …". */
export function showValues(values: readonly unknown[]): string {
  const shown = values.slice(0, 8).map(showValue);
  return values.length > 8 ? `${shown.join(', ')} (and ${values.length - 8} more)` : shown.join(', ');
}
