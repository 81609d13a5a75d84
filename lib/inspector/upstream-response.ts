/**
 * The wire format of the SSE comment the proxy sends first in an inspected stream (request header
 * `x-playground-inspect: 1`): `: upstream-response <json>`, who answered and, for a provider, its HTTP
 * status and the headers of both directions in a safe form (lib/server/inspect-meta.ts builds it; the
 * key is never in it). Shared by the server that writes it and the inspector that reads it.
 */
import { isRecord, setOwn } from '@/lib/util/json';
import { readAdaptations, type Adaptation } from './adaptations';

export const UPSTREAM_RESPONSE_PREFIX = ': upstream-response ';
export const UPSTREAM_RAW_PREFIX = ': upstream-raw ';

/** What stands for the key in the request headers shown. */
export const HIDDEN_KEY = 'Bearer ••••';

export type UpstreamResponse =
  | { provider: 'simulator' }
  | {
      provider: 'upstream';
      status: number;
      /** Allow-listed response headers, as the provider sent them (redacted). */
      headers: Record<string, string>;
      /** The headers the server sent to the provider, the key shown as HIDDEN_KEY. */
      request_headers: Record<string, string>;
      /** What the proxy changed in the request for this provider (adaptations.ts); absent when nothing. */
      adaptations?: Adaptation[];
    };

const MAX_HEADERS = 64;

function headerRecord(value: unknown): Record<string, string> | null {
  if (!isRecord(value)) return null;
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(value).slice(0, MAX_HEADERS)) {
    if (typeof text === 'string') setOwn(out, name, text);
  }
  return out;
}

/** The comment's JSON read back; null for anything that is not one (a newer or garbled server). */
export function parseUpstreamResponse(json: string): UpstreamResponse | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  if (value.provider === 'simulator') return { provider: 'simulator' };
  if (value.provider !== 'upstream' || typeof value.status !== 'number') return null;
  const headers = headerRecord(value.headers);
  const requestHeaders = headerRecord(value.request_headers);
  if (!headers || !requestHeaders) return null;
  const adaptations = readAdaptations(value.adaptations);
  return { provider: 'upstream', status: value.status, headers, request_headers: requestHeaders, ...(adaptations.length ? { adaptations } : {}) };
}
