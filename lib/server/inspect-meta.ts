import 'server-only';
/**
 * What the inspector learns about the provider's side of a call: the headers the server sent (captured
 * where the openai client calls its fetch) and the provider's status and allow-listed response headers,
 * as the `: upstream-response` comment (lib/inspector/upstream-response.ts). The key never goes in it:
 * Authorization is shown as `Bearer ••••`, any header that names a key or a token is left out, and
 * every value passes the redactor.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { HIDDEN_KEY, UPSTREAM_RESPONSE_PREFIX, type UpstreamResponse } from '@/lib/inspector/upstream-response';
import type { Adaptation } from '@/lib/inspector/adaptations';
import { setOwn } from '@/lib/util/json';
import type { Fetch } from './node-fetch';
import type { Redactor } from './redact';

const sent = new AsyncLocalStorage<{ headers: Headers | null }>();

/** A fetch that tells `capturingSentHeaders` what headers it was given. */
export function recordingSentHeaders(fetchImpl: Fetch): Fetch {
  return (input, init) => {
    const slot = sent.getStore();
    if (slot) slot.headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    return fetchImpl(input, init);
  };
}

/** Runs `fn` (which sends one upstream request) and returns what it returned and the headers it sent. */
export async function capturingSentHeaders<T>(fn: () => Promise<T>): Promise<{ value: T; headers: Headers | null }> {
  const slot = { headers: null as Headers | null };
  const value = await sent.run(slot, fn);
  return { value, headers: slot.headers };
}

/** Response headers worth reading in the inspector, and safe to show. */
const RESPONSE_HEADERS = new Set([
  'content-type',
  'content-encoding',
  'cache-control',
  'date',
  'server',
  'x-request-id',
  'request-id',
  'openai-model',
  'openai-organization',
  'openai-processing-ms',
  'openai-version',
  'retry-after',
  'x-ratelimit-limit-requests',
  'x-ratelimit-limit-tokens',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-remaining-tokens',
  'x-ratelimit-reset-requests',
  'x-ratelimit-reset-tokens',
]);

/** Request headers that carry a credential: never shown, whatever they hold. */
const SECRET_REQUEST_HEADER = /key|token|secret|cookie|auth/i;
const MAX_VALUE_CHARS = 256;

/** One line on the wire: no line break, bounded, redacted. */
function safeValue(value: string, hidden: Redactor): string {
  return hidden.text(value).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').slice(0, MAX_VALUE_CHARS);
}

/** `adaptations`: what the proxy changed in the request for this provider (adapt-request.ts), already redacted. */
export function upstreamResponseInfo(response: Response, requestHeaders: Headers | null, hidden: Redactor, adaptations: readonly Adaptation[] = []): UpstreamResponse {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (RESPONSE_HEADERS.has(name)) setOwn(headers, name, safeValue(value, hidden));
  });
  const request: Record<string, string> = {};
  requestHeaders?.forEach((value, name) => {
    if (name === 'authorization') setOwn(request, name, HIDDEN_KEY);
    else if (!SECRET_REQUEST_HEADER.test(name)) setOwn(request, name, safeValue(value, hidden));
  });
  return { provider: 'upstream', status: response.status, headers, request_headers: request, ...(adaptations.length ? { adaptations: [...adaptations] } : {}) };
}

/** The comment line itself (JSON.stringify escapes every line break, so it stays one line). */
export function upstreamResponseLine(info: UpstreamResponse): string {
  return `${UPSTREAM_RESPONSE_PREFIX}${JSON.stringify(info)}\n`;
}
