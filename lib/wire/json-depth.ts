/**
 * How deep a parsed JSON value nests. `JSON.parse` reads any depth, but what walks the value afterwards
 * recurses (`JSON.stringify`, schema compilers, the normalizer's readers) and overflows the stack at a
 * few thousand levels: a value from outside (a tool's parameters, a provider's reply) is checked first.
 */

/** Deeper than any JSON Schema or reply needs (a tool call's arguments inside a chunk are 8 levels down). */
export const MAX_JSON_DEPTH = 64;

/** Whether `value` nests objects and arrays more than `max` levels (a scalar is 0, `{}` or `[1]` is 1). */
export function nestedDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  return deeper(value, max);
}

/** Recursion bounded by `left`: it stops at the limit, so it never overflows itself. */
function deeper(value: unknown, left: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (left === 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (deeper(value[i], left - 1)) return true;
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) if (deeper(record[key], left - 1)) return true;
  return false;
}
