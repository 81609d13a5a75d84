/**
 * The wire format of the proxy's request adaptations: what it changed in a request before sending it
 * upstream, because the provider is known to reject it as asked (lib/server/adapt-request.ts decides).
 * They reach the page two ways, both only for inspected requests (`x-playground-inspect: 1`): in the
 * `adaptations` field of a stream's `: upstream-response` comment (upstream-response.ts), and on every
 * answer — plain, streamed or an error — in the `x-playground-adaptations` response header (JSON with
 * every non-ASCII character escaped, so it is a valid header value). Shared by the server that writes
 * them and the inspector that reads them.
 */
import { isRecord } from '@/lib/util/json';

export interface Adaptation {
  /** Who the rule is for, as a person names them: "Mistral", "Anthropic", "OpenAI". */
  provider: string;
  /** The rule's stable name, e.g. `mistral-tool-call-ids`. */
  rule: string;
  /** In words: what was asked, what was sent instead, and why. */
  message: string;
}

export const ADAPTATIONS_HEADER = 'x-playground-adaptations';

const MAX_ADAPTATIONS = 20;
const MAX_TEXT = 600;

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/** Adaptations read from untrusted JSON (a stored record, a newer server): the well-formed ones, bounded. */
export function readAdaptations(value: unknown): Adaptation[] {
  if (!Array.isArray(value)) return [];
  const out: Adaptation[] = [];
  for (const item of value.slice(0, MAX_ADAPTATIONS)) {
    if (!isRecord(item)) continue;
    const { provider, rule, message } = item;
    if (typeof provider === 'string' && typeof rule === 'string' && typeof message === 'string') {
      out.push({ provider: clip(provider), rule: clip(rule), message: clip(message) });
    }
  }
  return out;
}

/** The header's value: JSON, ASCII only (`\uXXXX` escapes), bounded like `readAdaptations`. */
export function adaptationsHeaderValue(adaptations: readonly Adaptation[]): string {
  return JSON.stringify(readAdaptations(adaptations)).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The header read back; [] when absent or garbled. */
export function parseAdaptationsHeader(value: string | undefined | null): Adaptation[] {
  if (!value) return [];
  try {
    return readAdaptations(JSON.parse(value));
  } catch {
    return [];
  }
}

/**
 * A call's adaptations as the inspector shows them: from its stream's `: upstream-response` comment,
 * else from the `x-playground-adaptations` header its answer came with (an error, a plain reply).
 */
export function callAdaptations(upstream: { provider: string; adaptations?: Adaptation[] } | null, headers: Record<string, string> | undefined): Adaptation[] {
  if (upstream?.adaptations?.length) return upstream.adaptations;
  return parseAdaptationsHeader(headers?.[ADAPTATIONS_HEADER]);
}
