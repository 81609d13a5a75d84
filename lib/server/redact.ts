import 'server-only';
/**
 * Keeps the server's secrets (the API key, the access token) out of everything sent to a client when
 * the provider reflects them: a provider, or anything at AIML_API_BASE_URL, that echoes the
 * Authorization header into a header, an id, a body or a chunk.
 *
 * What it finds: each secret as it is, URL-encoded, and JSON-escaped, in one text. That is how an echo
 * carries it. What it cannot find: a secret split across two chunks, or encoded on purpose (reversed,
 * base64…): the provider holds the key, so a provider that wants to hand it on can; redaction guards
 * against careless echoes, not against a hostile provider.
 *
 * The hot path (a stream's chunks) pays one `indexOf` per secret form per text; only a text that holds
 * one is rewritten.
 */

export const REDACTED = '[redacted]';

export class Redactor {
  /** Every form to look for, longest first (a secret inside another is replaced by the longer). */
  private readonly forms: readonly string[];

  constructor(secrets: readonly string[]) {
    const forms = new Set<string>();
    for (const secret of secrets) {
      if (secret.trim() === '') continue;
      forms.add(secret);
      forms.add(encodeURIComponent(secret));
      forms.add(JSON.stringify(secret).slice(1, -1));
    }
    this.forms = [...forms].sort((a, b) => b.length - a.length);
  }

  /** False when there is nothing to hide (no key, no token): callers may skip their checks. */
  get active(): boolean {
    return this.forms.length > 0;
  }

  /** Whether the text holds a secret in any form. */
  has(text: string): boolean {
    for (const form of this.forms) if (text.indexOf(form) !== -1) return true;
    return false;
  }

  /** The text with every form of every secret replaced by `[redacted]`. */
  text(text: string): string {
    if (!this.has(text)) return text;
    let out = text;
    for (const form of this.forms) if (out.indexOf(form) !== -1) out = out.split(form).join(REDACTED);
    return out;
  }

  /**
   * A JSON value with every string value redacted (object keys are left: the normalizer's output has
   * only its own), copied only where something changed. For values bounded in depth
   * (lib/wire/json-depth.ts): it recurses.
   */
  value<T>(value: T): T {
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item = this.walk(value[i]);
        if (item !== value[i]) (copy ??= value.slice())[i] = item;
      }
      return copy ?? value;
    }
    let copy: Record<string, unknown> | undefined;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = this.walk(record[key]);
      if (item !== record[key]) (copy ??= { ...record })[key] = item;
    }
    return copy ?? value;
  }
}

/** The serialized JSON of a value, with every secret in its strings redacted. */
export function redactedJson(value: unknown, redactor: Redactor): string {
  const json = JSON.stringify(value);
  // JSON.stringify escapes only quotes, backslashes and control characters, which the JSON-escaped
  // form covers: a secret inside a string shows in the text. A match may also be a key or
  // punctuation (a short token): redacting the values, not the text, keeps the JSON whole.
  return redactor.has(json) ? JSON.stringify(redactor.value(value)) : json;
}

/**
 * Replaces each secret (raw, URL-encoded or JSON-escaped), `Bearer <token>` and `sk-…` keys with
 * `[redacted]`: for messages (errors, excerpts), where a key of any provider should not show either.
 */
export function redactSecrets(text: string, secrets: readonly string[] | Redactor): string {
  const redactor = secrets instanceof Redactor ? secrets : new Redactor(secrets);
  return redactor
    .text(text)
    .replace(/\bBearer\s+[^\s"',;]*[^\s"',;.]/gi, REDACTED)
    .replace(/\bsk-[A-Za-z0-9_*-]{6,}/g, REDACTED);
}
