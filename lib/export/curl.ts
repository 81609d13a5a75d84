/**
 * One Chat Completions request as a curl command: the key only as `$AIML_API_KEY` (expanded by the
 * shell of whoever runs it, never written out), the body as JSON in a quoted heredoc (nothing in it
 * is expanded, and no line of pretty JSON can equal the delimiter: each starts with a space or a
 * bracket, and a string in it cannot hold a line break). Used by the exported script and by the
 * inspector's "Copy as curl".
 */
import { jsonText } from './literals';

export const EXPORT_KEY_ENV = 'AIML_API_KEY';
/** Where exported code and copied curl commands send a provider model's request. */
export const EXPORT_BASE_URL = 'https://api.aimlapi.com/v1';

export interface CurlOptions {
  /** The URL as a shell word: quoted by the caller (`shellQuoted`), or a variable such as `"$BASE_URL/…"`. */
  url: string;
  /** Send `Authorization: Bearer $AIML_API_KEY` (false for the playground's own endpoint). */
  withKey: boolean;
  /** `-N`: print a stream's events as they arrive. */
  stream?: boolean;
}

/** A single-quoted shell word: nothing in it is expanded. */
export function shellQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlCommand(body: unknown, { url, withKey, stream = false }: CurlOptions): string {
  const lines = [`curl -sS${stream ? ' -N' : ''} ${url}`];
  if (withKey) lines.push(`  -H "Authorization: Bearer $${EXPORT_KEY_ENV}"`);
  lines.push('  -H "Content-Type: application/json"', `  -d @- <<'JSON'`);
  return `${lines.join(' \\\n')}\n${jsonText(body)}\nJSON`;
}
