/** Text for the diagram: one short line for an arrow, pretty JSON for what it carries. */

/** At most this much of a result or arguments is shown in full (a tool may return megabytes). */
export const MAX_DETAIL_CHARS = 8_000;

function capped(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A JSON text (or a value) pretty-printed; text that is not JSON comes back as it is. */
export function prettyJson(value: unknown): string {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return capped(value, MAX_DETAIL_CHARS);
    }
  }
  return capped(JSON.stringify(parsed, null, 2) ?? String(value), MAX_DETAIL_CHARS);
}

/** One line of at most `max` characters, whitespace collapsed. */
export function shortLine(text: string, max = 72): string {
  return capped(text.replace(/\s+/g, ' ').trim(), max);
}
