/**
 * The only ways scenario text is written into exported code. A scenario comes from anyone (a share link,
 * a file) and the person who exports it runs the program, so every name, id, argument, prompt, message,
 * mock result and the model id is data: a string literal escaped for its language, JSON in a quoted
 * heredoc, or a one-line comment — never code, and never a comment that can end early.
 * lib/export/injection.slow.test.ts holds each language to this with hostile text in every field.
 */

/**
 * Characters a string literal may hold but that change how code reads to a person or an editor: C1
 * controls, line and paragraph separators, bidirectional controls ("Trojan Source"), invisible format
 * characters, the byte-order mark. Written as `\u` escapes in literals (the same text), blanked in comments.
 */
const MISLEADING = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
/** Everything that may end a comment line in bash, Python or JavaScript (\n, \r, U+2028, U+2029), any other control, and MISLEADING. */
const NOT_IN_COMMENTS = new RegExp(`[\\u0000-\\u001f]|${MISLEADING.source}`, 'g');

const unicodeEscape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * A double-quoted string literal that is the same text in JSON, JavaScript/TypeScript and Python:
 * JSON.stringify escapes `"`, `\`, every C0 control and lone surrogates with escapes all three read alike,
 * and nothing else in it is special to any of them.
 */
export function quoted(text: string): string {
  return JSON.stringify(text).replace(MISLEADING, unicodeEscape);
}

/** Pretty JSON text (two spaces), with `quoted`'s escapes: outside its strings JSON text is plain ASCII. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(MISLEADING, unicodeEscape);
}

/** A Python string literal: `quoted`, or single-quoted when the text holds `"` but no `'` (JSON text reads better so). */
export function pyString(text: string): string {
  const literal = quoted(text);
  if (!text.includes('"') || text.includes("'")) return literal;
  return `'${literal.slice(1, -1).replace(/\\(.)/gs, (escape, char: string) => (char === '"' ? '"' : escape))}'`;
}

function scalar(value: unknown, string: (text: string) => string): string {
  if (typeof value === 'string') return string(value);
  return typeof value === 'number' && !Number.isFinite(value) ? 'null' : (JSON.stringify(value) ?? 'null');
}

/**
 * A literal for a JSON value, laid out like JSON.stringify(value, null, step) after `indent`, or on one
 * line when `indent` is null. Shared by Python and JavaScript, which differ in the words for null, true
 * and false and in how a key is written.
 */
function literal(
  value: unknown,
  indent: string | null,
  style: { step: string; string: (text: string) => string; key: (key: string) => string; words?: Record<string, string>; trailingComma: boolean },
): string {
  if (value === null || typeof value !== 'object') {
    const text = scalar(value, style.string);
    return style.words?.[text] ?? text;
  }
  const inner = indent === null ? null : `${indent}${style.step}`;
  const items = Array.isArray(value)
    ? value.map((item) => literal(item, inner, style))
    : Object.entries(value).flatMap(([key, item]) => (item === undefined ? [] : [`${style.key(key)}: ${literal(item, inner, style)}`]));
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (items.length === 0 || inner === null) return `${open}${items.join(', ')}${close}`;
  const comma = style.trailingComma ? ',' : '';
  return `${open}\n${items.map((item) => `${inner}${item}`).join(',\n')}${comma}\n${indent}${close}`;
}

const PYTHON = { step: '    ', string: pyString, key: pyString, words: { null: 'None', true: 'True', false: 'False' }, trailingComma: true };
/**
 * A key named `__proto__` is written computed (`["__proto__"]: …`): in an object literal the plain form
 * sets the object's prototype instead of adding the property, and the value is lost.
 */
const JAVASCRIPT = { step: '  ', string: quoted, key: (key: string) => (key === '__proto__' ? `[${quoted(key)}]` : quoted(key)), trailingComma: false };

/** A Python literal for a JSON value (dicts keep a `__proto__` key as any other). `indent` null: one line. */
export function py(value: unknown, indent: string | null = ''): string {
  return literal(value, indent, PYTHON);
}

/** A JavaScript/TypeScript literal for a JSON value, own `__proto__` keys kept. `indent` null: one line. */
export function js(value: unknown, indent: string | null = ''): string {
  return literal(value, indent, JAVASCRIPT);
}

/**
 * A JavaScript mock's source, for the TypeScript export only: the one piece of a scenario that is code
 * by design, written by whoever made the scenario, so it goes in as written (escaping it would change
 * what it does). The export dialog and a comment above it say so; Python and curl never include it.
 */
export function verbatimCode(source: string): string {
  return source;
}

/** Whether text holds characters that make code read differently than it runs (MISLEADING). */
export function hasMisleadingCharacters(text: string): boolean {
  return new RegExp(MISLEADING.source).test(text);
}

/** Text safe inside a one-line comment of any of the three languages, cut to `max` characters. */
export function oneLine(text: string, max = 200): string {
  return [...text.replace(NOT_IN_COMMENTS, ' ').trim()].slice(0, max).join('');
}

/** Text of any length as comment lines, each starting with `prefix`: one per line of the text. */
export function comment(prefix: string, text: string): string {
  const lines = text.split(/\r\n|[\n\r\u2028\u2029\u0085\u000b\u000c]/);
  return lines.map((line) => `${prefix} ${oneLine(line, Infinity)}`.trimEnd()).join('\n');
}
